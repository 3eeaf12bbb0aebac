#!/usr/bin/env bash
# Refresh the gettext catalogues. German is the source language; uk and en are translated.
# Each app keeps its own catalogue (<app>/locale), covering its code and templates/<app>/;
# the project catalogue (locale/) covers portal/, templates/ outside the app folders.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DJANGO_ADMIN="$ROOT/.venv/bin/django-admin"
export DJANGO_SETTINGS_MODULE=portal.settings PYTHONPATH="$ROOT"
OPTS=(-l uk -l en --no-location --no-obsolete --symlinks -e html,txt,py)

# Usage: scripts/makemessages.sh [app ...]   (no argument: every app and the project)
APPS=("$@")
[ ${#APPS[@]} -eq 0 ] && APPS=(partnerships partnerships/matchmaking partnerships/exchange partnerships/statistics partnerships/imports partnerships/surveys events newsletter knowledge portal)
# Nested apps keep their own catalogue; their parent's run leaves them out.
declare -A NESTED=([partnerships]="matchmaking exchange statistics imports surveys")

for app in "${APPS[@]}"; do
  [ "$app" = portal ] && continue
  work=$(mktemp -d)
  mkdir -p "$ROOT/$app/locale"
  ln -s "$ROOT/$app" "$work/code"
  [ -d "$ROOT/templates/$app" ] && ln -s "$ROOT/templates/$app" "$work/templates"
  ln -s "$ROOT/$app/locale" "$work/locale"
  skip=()
  for nested in ${NESTED[$app]:-}; do skip+=(-i "code/$nested/*" -i "templates/$nested/*"); done
  (cd "$work" && "$DJANGO_ADMIN" makemessages "${OPTS[@]}" -i "code/locale/*" -i "code/migrations/*" "${skip[@]}")
  rm -rf "$work"
done

[[ " ${APPS[*]} " == *" portal "* ]] || exit 0
work=$(mktemp -d)
ln -s "$ROOT/portal" "$work/portal"
mkdir "$work/templates"
for entry in "$ROOT"/templates/*; do
  name=$(basename "$entry")
  case "$name" in partnerships|events|newsletter|knowledge) continue ;; esac
  ln -s "$entry" "$work/templates/$name"
done
ln -s "$ROOT/locale" "$work/locale"
(cd "$work" && "$DJANGO_ADMIN" makemessages "${OPTS[@]}" -i "portal/migrations/*")
rm -rf "$work"

#!/bin/sh
# docker-compose's `backup` service: one backup a night at BACKUP_TIME (UTC, HH:MM), then
# backups older than BACKUP_KEEP_DAYS are deleted (never the newest). See README "Backups".
# A failed night is logged and retried the next night; `docker compose run --rm backup
# python manage.py backup` takes one at once.
set -eu
BACKUP_TIME=${BACKUP_TIME:-01:30}
echo "backup: nightly at ${BACKUP_TIME} UTC into ${BACKUP_DIR:-var/backups}, keeping ${BACKUP_KEEP_DAYS:-14} days"
while true; do
  now=$(date -u +%s)
  next=$(date -u -d "today ${BACKUP_TIME}" +%s)
  if [ "$next" -le "$now" ]; then
    next=$(date -u -d "tomorrow ${BACKUP_TIME}" +%s)
  fi
  sleep $((next - now))
  python manage.py backup || echo "backup: FAILED at $(date -u -Iseconds)" >&2
done

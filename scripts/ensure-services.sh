#!/usr/bin/env bash
# Start PostgreSQL and Redis if they are not running, and make sure the test role exists.
set -euo pipefail
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-portal}

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && break; sleep 1; done
fi
if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no
  for _ in $(seq 1 30); do redis-cli ping >/dev/null 2>&1 && break; sleep 1; done
fi
# A role that may create the test databases (trust auth on 127.0.0.1 here).
psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_roles WHERE rolname='$PGUSER'" | grep -q 1 \
  || psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -qc \
     "CREATE ROLE \"$PGUSER\" LOGIN CREATEDB"
psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname='$PGUSER'" | grep -q 1 \
  || psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -qc \
     "CREATE DATABASE \"$PGUSER\" OWNER \"$PGUSER\""

# Production image of the Partnerschaftsportal NRW (used by docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
# pg_dump must be at least the server's major version (docker-compose runs postgres:16;
# Debian 12 ships 15), so the client comes from the PostgreSQL project's apt repository.
ARG PG_MAJOR=16
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && install -d /usr/share/postgresql-common/pgdg \
 && curl -fsSL -o /usr/share/postgresql-common/pgdg/apt.postgresql.org.asc \
      https://www.postgresql.org/media/keys/ACCC4CF8.asc \
 && echo "deb [signed-by=/usr/share/postgresql-common/pgdg/apt.postgresql.org.asc] https://apt.postgresql.org/pub/repos/apt bookworm-pgdg main" \
      > /etc/apt/sources.list.d/pgdg.list \
 && apt-get update \
 && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
      nodejs npm postgresql-client-${PG_MAJOR} \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi \
 && DEBUG=true python manage.py compilemessages --ignore "node_modules/*" -v0 \
 && DEBUG=false SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-x \
    ALLOWED_HOSTS=build python manage.py collectstatic --no-input -v0 \
 && useradd --system --uid 1000 portal && mkdir -p /app/var /backups && chown -R portal /app/var /backups

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "8", "--access-logfile", "-", "--logger-class", "portal.log_redaction.GunicornLogger"]

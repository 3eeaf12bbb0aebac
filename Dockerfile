# Production image of the Partnerschaftsportal NRW (used by docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
      nodejs npm postgresql-client \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; fi \
 && DEBUG=true python manage.py compilemessages --ignore "node_modules/*" -v0 \
 && DEBUG=false SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-x \
    ALLOWED_HOSTS=build python manage.py collectstatic --no-input -v0 \
 && useradd --system --uid 1000 portal && mkdir -p /app/var && chown -R portal /app/var

USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--threads", "8", "--access-logfile", "-", "--logger-class", "portal.log_redaction.GunicornLogger"]

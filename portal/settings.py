"""Settings of the Partnerschaftsportal NRW, read from the environment in this one place.

Without any variable set the portal runs in its *embedded default*: SQLite, Celery
tasks run eagerly in-process, mail is written to files under ``var/mail/``.
``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL, a Redis cache, a Redis
broker and real Celery workers. ``DEBUG=false`` is production mode: it refuses to
start without a real ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and enforces HTTPS and
two-factor login for staff. See ``.env.example``.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
# Runtime files of the embedded default (SQLite database, mail, media) live here.
VAR_DIR = Path(environ.Env().str("PORTAL_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
EMBEDDED_DEV_SECRET = "embedded-default-not-for-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=EMBEDDED_DEV_SECRET)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)

# Values that are examples, never real: the .env.example placeholders and the domains
# reserved for documentation (RFC 2606). Production mode refuses them (end of this file).
PLACEHOLDER_MARKS = ("change-me", "changeme", "change_me", EMBEDDED_DEV_SECRET)
PLACEHOLDER_DOMAINS = ("example.org", "example.com", "example.net")


def is_placeholder(value: str, *, domain: bool = False) -> bool:
    """A placeholder value; with ``domain``, also a host or address in an example domain."""
    value = value.strip().lower()
    if any(mark in value for mark in PLACEHOLDER_MARKS):
        return True
    host = value.rpartition("@")[2].rstrip(">").strip(".")
    return domain and any(host == d or host.endswith("." + d) for d in PLACEHOLDER_DOMAINS)


if not DEBUG:
    if is_placeholder(SECRET_KEY) or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "Production mode (DEBUG=false) needs a real SECRET_KEY of at least 50 characters "
            "(not the placeholder of .env.example)."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("Production mode (DEBUG=false) needs ALLOWED_HOSTS.")

SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[SITE_URL])

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "portal",
    "partnerships",
    "partnerships.matchmaking",
    "partnerships.exchange",
    "partnerships.statistics",
    "partnerships.imports",
    "partnerships.surveys",
    "events",
    "newsletter",
    "knowledge",
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.AdminLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal.middleware.RefuseNulBytesMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"
ASGI_APPLICATION = "portal.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{(VAR_DIR / 'portal.sqlite3').as_posix()}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
USES_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
if USES_POSTGRES:
    # The portal's tables fit in memory on an SSD: with PostgreSQL's default of 4 the planner
    # reads the whole library sequentially instead of using the full-text GIN index for
    # common words (bench/RESULTS.md, knowledge search). Set per connection.
    _page_cost = env.float("DB_RANDOM_PAGE_COST", default=1.1)
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={_page_cost:g}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "portal.User"

# --- Cache, Celery ------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "portal.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="portal"),
            # A Redis that does not answer must not hold a page for long (degraded mode).
            "OPTIONS": {
                "socket_connect_timeout": env.float("CACHE_CONNECT_TIMEOUT", default=0.5),
                "socket_timeout": env.float("CACHE_TIMEOUT", default=1.0),
            },
        }
    }
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
    CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
# Seconds the cache does not try Redis again after a failure (portal/cache.py, degraded mode).
PORTAL_CACHE_RETRY_SECONDS = env.float("PORTAL_CACHE_RETRY_SECONDS", default=5.0)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process that grew past this (KiB; e.g. rendering a large PDF) is replaced after
# its task. Tasks that render PDFs also have a hard time limit (``portal.pdf``).
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=600_000)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Berlin"
# Each app adds its periodic tasks here; beat reads this one schedule.
CELERY_BEAT_SCHEDULE = {
    # The outbox's safety net: emails whose dispatch was never published (the broker was
    # down), whose send task was lost, or whose worker died mid-send (portal/outbox.py).
    "portal-outbox-dispatch": {"task": "portal.outbox_dispatch", "schedule": 60.0},
    # Readiness (portal/readiness.py): a worker's sign of life, every minute.
    "portal-heartbeat": {"task": "portal.heartbeat", "schedule": 60.0, "options": {"expires": 55}},
    "portal-outbox-purge": {"task": "portal.outbox_purge", "schedule": crontab(hour=3, minute=20)},
    "portal-purge-old-consultation-ips": {
        "task": "portal.consultation_purge_ip_addresses",
        "schedule": crontab(hour=3, minute=10),
    },
}

# --- Mail ---------------------------------------------------------------------------------
MAIL_DIR = VAR_DIR / "mail"
_email = env.email("EMAIL_URL", default="filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS"))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL"))
if EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
    # Mail is written to one file per message under var/mail/ (or EMAIL_FILE_PATH).
    EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(MAIL_DIR))
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Netzwerkstelle Städtepartnerschaften NRW <portal@example.org>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# Extra recipients of staff notifications (advice requests) besides the active members of
# the "Netzwerkstelle" group.
PORTAL_STAFF_NOTIFY_EMAILS = env.list("PORTAL_STAFF_NOTIFY_EMAILS", default=[])
# The outbox (portal/outbox.py): seconds a dispatch waits after the first commit that asks
# for it (a burst of registrations gets one dispatch, and its emails are rendered after the
# burst instead of competing with it); seconds after which a claimed, unsent email counts as
# abandoned by a dead worker and is sent again; Celery's exponential backoff of temporary SMTP
# failures (first delay, longest delay, retries); days finished rows are kept.
OUTBOX_DISPATCH_DELAY = env.float("OUTBOX_DISPATCH_DELAY", default=1.0)
OUTBOX_CLAIM_TIMEOUT = env.int("OUTBOX_CLAIM_TIMEOUT", default=600)
OUTBOX_RETRY_BACKOFF = env.int("OUTBOX_RETRY_BACKOFF", default=60)
OUTBOX_RETRY_BACKOFF_MAX = env.int("OUTBOX_RETRY_BACKOFF_MAX", default=900)
OUTBOX_MAX_RETRIES = env.int("OUTBOX_MAX_RETRIES", default=8)
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=90)

# --- Accounts (django-allauth) ------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Partnerschaftsportal NRW] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_ADAPTER = "portal.accounts.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Partnerschaftsportal NRW"
# A code typed just as its 30 s step ends still counts (RFC 6238 allows one step of delay);
# allauth remembers used codes for the whole window, so none can be used twice.
MFA_TOTP_TOLERANCE = 1
LOGIN_REDIRECT_URL = "portal:my_area"
LOGIN_URL = "account_login"

# Staff must have logged in with a second factor to reach the admin. The embedded demo may
# relax this (ADMIN_REQUIRE_2FA=false); production mode ignores the relaxation.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=not DEBUG) or not DEBUG

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages, time ----------------------------------------------------------------------
# The one list of languages (portal.languages derives everything else from it).
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("uk", "Українська"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = (LANGUAGE_CODE,)
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
FORMAT_MODULE_PATH = ["portal.formats"]
USE_TZ = True

# --- Static and media ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files are served by portal.uploads.serving after a permission check; behind the
# proxy the view only names the file (X-Accel-Redirect) and the proxy sends it from this
# internal path (deploy/Caddyfile). Empty: Django sends the bytes (embedded mode).
MEDIA_ACCEL_REDIRECT_PREFIX = env.str("MEDIA_ACCEL_REDIRECT_PREFIX", default="")
MEDIA_PUBLIC_MAX_AGE = env.int("MEDIA_PUBLIC_MAX_AGE", default=600)
# Size limits per upload policy in MB (portal/uploads/policies.py has the defaults).
UPLOAD_MAX_MB = {k: float(v) for k, v in env.dict("UPLOAD_MAX_MB", default={}).items()}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Backups (portal/backups.py, `manage.py backup` / `restore`, docker-compose's `backup`).
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP_DAYS = env.int("BACKUP_KEEP_DAYS", default=14)
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# --- Map ----------------------------------------------------------------------------------
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str(
    "MAP_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)

# --- Security -----------------------------------------------------------------------------
_tile_host = urlsplit(MAP_TILE_URL.replace("{s}", "a")).netloc
_tile_origin = f"https://{_tile_host}" if _tile_host else ""
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        f"img-src 'self' data: {_tile_origin}".strip(),
        "script-src 'self'",
        "style-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]

# Requests per IP for public forms (count, seconds).
CONSULTATION_RATE_LIMIT = (env.int("CONSULTATION_RATE_LIMIT", default=5), 3600)
# Honour X-Forwarded-For only behind a proxy that sets it (docker-compose, production).
USE_X_FORWARDED_FOR = env.bool("USE_X_FORWARDED_FOR", default=False)
# How many proxies append to X-Forwarded-For before the request reaches the portal (Caddy
# alone: 1; a CDN in front of it: 2). The client is that many entries from the right.
TRUSTED_PROXY_COUNT = max(1, env.int("TRUSTED_PROXY_COUNT", default=1))
# allauth's own limits (failed logins) count the same address.
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT if USE_X_FORWARDED_FOR else 0
# IP addresses of advice requests are kept this many days (abuse handling), then erased.
CONSULTATION_IP_RETENTION_DAYS = env.int("CONSULTATION_IP_RETENTION_DAYS", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    # No secret link (manage, join, newsletter, invitation) in any log line, in the web
    # processes and in Celery's workers and beat (portal/celery.py adds the filter there).
    "filters": {"redact_tokens": {"()": "portal.log_redaction.RedactTokensFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact_tokens"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}


# ==========================================================================================
# Settings of the domain apps. Each app keeps its settings (and its CELERY_BEAT_SCHEDULE
# entries, added with CELERY_BEAT_SCHEDULE.update(...)) in its own section below.
# ==========================================================================================

# --- partnerships -------------------------------------------------------------------------
# Leaflet and leaflet.markercluster come from npm (package.json; `make install` runs npm ci)
# and are served as static files under /static/vendor/.
STATICFILES_DIRS += [
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
]
# Public list pages: entries per page.
PARTNERSHIPS_PAGE_SIZE = env.int("PARTNERSHIPS_PAGE_SIZE", default=20)
# Seconds the map data (GeoJSON) and open-data downloads stay cached; any change to a
# published record invalidates them at once (a version key), so this is only an upper bound.
PARTNERSHIPS_GEOJSON_CACHE_SECONDS = env.int("PARTNERSHIPS_GEOJSON_CACHE_SECONDS", default=86400)
# Days an invitation link to become editor of an actor can be used (once).
PARTNERSHIPS_INVITATION_VALID_DAYS = env.int("PARTNERSHIPS_INVITATION_VALID_DAYS", default=14)
# Daily digest of editors' changes to staff (Europe/Berlin).
CELERY_BEAT_SCHEDULE.update(
    {
        "partnerships-daily-digest": {
            "task": "partnerships.send_daily_digest",
            "schedule": crontab(hour=7, minute=0),
        },
    }
)


# --- partnerships.matchmaking (partner search) ----------------------------------------------
# Messages per IP and window (count, seconds) on the public forms "Kontakt über die
# Netzwerkstelle" and "Wir suchen einen Partner" (each counted on its own).
MATCHMAKING_RATE_LIMIT = (env.int("MATCHMAKING_RATE_LIMIT", default=5), 3600)
# Days an introduction's answer links stay valid; days a case may wait in one state before
# the staff are reminded.
MATCHMAKING_ANSWER_LINK_DAYS = env.int("MATCHMAKING_ANSWER_LINK_DAYS", default=30)
MATCHMAKING_CASE_REMINDER_DAYS = env.int("MATCHMAKING_CASE_REMINDER_DAYS", default=14)
# --- surveys (Bestandsaufnahme) -------------------------------------------------------------
CELERY_BEAT_SCHEDULE.update(
    {
        "surveys-reminders": {
            "task": "surveys.send_reminders",
            "schedule": crontab(hour=9, minute=15),
        },
    }
)

CELERY_BEAT_SCHEDULE.update(
    {
        "matchmaking-case-reminders": {
            "task": "matchmaking.case_reminders",
            "schedule": crontab(hour=7, minute=30),
        },
        "matchmaking-mutual-matches": {
            "task": "matchmaking.mutual_matches",
            "schedule": crontab(minute=20),
        },
        "matchmaking-profile-expiry-reminders": {
            "task": "matchmaking.profile_expiry_reminders",
            "schedule": crontab(hour=8, minute=0),
        },
        "matchmaking-purge-ip-addresses": {
            "task": "matchmaking.purge_ip_addresses",
            "schedule": crontab(hour=3, minute=20),
        },
    }
)


# --- partnerships.exchange (Bedarfsbörse) -------------------------------------------------
CELERY_BEAT_SCHEDULE.update(
    {
        "exchange-expire-items": {
            "task": "exchange.expire_items",
            "schedule": crontab(hour=2, minute=40),
        },
        "exchange-use-report-reminders": {
            "task": "exchange.use_report_reminders",
            "schedule": crontab(hour=8, minute=10),
        },
        "exchange-digests": {
            "task": "exchange.digests",
            "schedule": crontab(hour=6, minute=30),
        },
    }
)

# --- partnerships.statistics (public statistics, snapshots, funder report) -----------------
# Seconds the computed figures stay cached (also invalidated when published data change).
STATISTICS_CACHE_SECONDS = env.int("STATISTICS_CACHE_SECONDS", default=600)
CELERY_BEAT_SCHEDULE.update(
    {
        # Daily and idempotent: records last month's snapshot once, catches up a missed day.
        "statistics-monthly-snapshot": {
            "task": "statistics.monthly_snapshot",
            "schedule": crontab(hour=0, minute=40),
        },
    }
)


# --- events -------------------------------------------------------------------------------
# Registrations per IP and window (count, seconds) on the public registration form.
EVENTS_REGISTRATION_RATE_LIMIT = (
    env.int("EVENTS_REGISTRATION_RATE_LIMIT", default=10),
    env.int("EVENTS_REGISTRATION_RATE_WINDOW", default=3600),
)
# Reminders go out this many hours before the start (beat checks every 10 minutes).
EVENTS_REMINDER_HOURS = env.int("EVENTS_REMINDER_HOURS", default=24)
# Personal data of registrations is erased this many days after the event.
EVENTS_ANONYMISE_AFTER_DAYS = env.int("EVENTS_ANONYMISE_AFTER_DAYS", default=180)
CELERY_BEAT_SCHEDULE.update(
    {
        "events-reminders": {
            "task": "events.reminders_send",
            "schedule": crontab(minute="*/10"),
        },
        "events-anonymise-registrations": {
            "task": "events.registrations_anonymise",
            "schedule": crontab(hour=3, minute=40),
        },
    }
)


# --- newsletter ---------------------------------------------------------------------------
# Sending: messages per batch (one SMTP connection each), a global rate limit in messages per
# second across all workers (0 = unlimited), and the backoff of temporary SMTP failures.
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=100)
NEWSLETTER_RATE_LIMIT = env.int("NEWSLETTER_RATE_LIMIT", default=0)
NEWSLETTER_RETRY_DELAYS = tuple(
    env.list("NEWSLETTER_RETRY_DELAYS", cast=int, default=[60, 300, 900, 3600, 7200])
)
NEWSLETTER_FROM_EMAIL = env.str("NEWSLETTER_FROM_EMAIL", default=DEFAULT_FROM_EMAIL)
# The mailto: part of List-Unsubscribe (an inbox the office reads or processes); empty: the
# header carries the one-click link only. Production refuses a placeholder address.
NEWSLETTER_UNSUBSCRIBE_MAILTO = env.str("NEWSLETTER_UNSUBSCRIBE_MAILTO", default="")
# Double opt-in: link lifetime, at most one confirmation per address per throttle window,
# unconfirmed requests deleted after the retention period; sign-ups per IP (count, seconds).
NEWSLETTER_CONFIRM_MAX_AGE_DAYS = env.int("NEWSLETTER_CONFIRM_MAX_AGE_DAYS", default=7)
NEWSLETTER_CONFIRM_THROTTLE_SECONDS = env.int("NEWSLETTER_CONFIRM_THROTTLE_SECONDS", default=600)
NEWSLETTER_PENDING_RETENTION_DAYS = env.int("NEWSLETTER_PENDING_RETENTION_DAYS", default=30)
NEWSLETTER_SIGNUP_RATE_LIMIT = (env.int("NEWSLETTER_SIGNUP_RATE_LIMIT", default=10), 3600)
# Bounce/complaint webhooks of an ESP through django-anymail (EMAIL_BACKEND an anymail
# backend): active only when ANYMAIL_WEBHOOK_SECRET ("user:password") is set; the ESP then
# posts to /anymail/<esp>/tracking/.
ANYMAIL_WEBHOOK_SECRET = env.str("ANYMAIL_WEBHOOK_SECRET", default="")
NEWSLETTER_TRACKING_WEBHOOKS = bool(ANYMAIL_WEBHOOK_SECRET)
if NEWSLETTER_TRACKING_WEBHOOKS:
    ANYMAIL = {"WEBHOOK_SECRET": ANYMAIL_WEBHOOK_SECRET}
CELERY_BEAT_SCHEDULE.update(
    {
        "newsletter-dispatch-due": {
            "task": "newsletter.dispatch_due",
            "schedule": 60.0,
        },
        "newsletter-purge-unconfirmed": {
            "task": "newsletter.purge_unconfirmed",
            "schedule": crontab(hour=3, minute=40),
        },
    }
)


# --- knowledge ----------------------------------------------------------------------------
# (settings of the knowledge app)


# ==========================================================================================
# Production refuses placeholders (issue 12 §5): example hosts, example senders for real
# mail, the "change-me" passwords of .env.example, an example List-Unsubscribe address.
# ==========================================================================================
if not DEBUG:
    _placeholders = [
        name
        for name, value, domain in [
            *(("ALLOWED_HOSTS", host, True) for host in ALLOWED_HOSTS),
            ("SITE_URL", urlsplit(SITE_URL).hostname or "", True),
            ("DATABASE_URL", env.str("DATABASE_URL", default=""), False),
            ("EMAIL_URL", env.str("EMAIL_URL", default=""), False),
            ("NEWSLETTER_UNSUBSCRIBE_MAILTO", NEWSLETTER_UNSUBSCRIBE_MAILTO, True),
        ]
        if is_placeholder(value, domain=domain)
    ]
    if EMAIL_BACKEND.startswith(("django.core.mail.backends.smtp", "anymail")):
        _placeholders += [
            name
            for name, value in [
                ("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL),
                ("SERVER_EMAIL", SERVER_EMAIL),
                ("NEWSLETTER_FROM_EMAIL", NEWSLETTER_FROM_EMAIL),
            ]
            if is_placeholder(value, domain=True)
        ]
    if _placeholders:
        raise ImproperlyConfigured(
            "Production mode (DEBUG=false) refuses placeholder values (change-me, example.org) "
            f"in: {', '.join(dict.fromkeys(_placeholders))}."
        )

"""Settings in both modes, each checked in a fresh interpreter with a controlled environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'eager': settings.CELERY_TASK_ALWAYS_EAGER, 'broker': settings.CELERY_BROKER_URL, "
    "'cache': settings.CACHES['default']['BACKEND'], 'email': settings.EMAIL_BACKEND, "
    "'mfa': settings.ADMIN_REQUIRE_2FA, 'debug': settings.DEBUG, "
    "'static': settings.STORAGES['staticfiles']['BACKEND']}))"
)
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 20 + "production-secret-for-tests-only-" + "y" * 20,
    "ALLOWED_HOSTS": "portal.partnerschaften-nrw.test",
    "SITE_URL": "https://portal.partnerschaften-nrw.test",
    "CSRF_TRUSTED_ORIGINS": "https://portal.partnerschaften-nrw.test",
    "DEFAULT_FROM_EMAIL": "Netzwerkstelle <portal@partnerschaften-nrw.test>",
}


def run(args, env, tmp_path):
    base = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "REDIS_URL",
            "EMAIL_URL",
            "CELERY_TASK_ALWAYS_EAGER",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    full_env = {
        **base,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "PORTAL_VAR_DIR": str(tmp_path),
        **env,
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=120
    )


def probe(env, tmp_path) -> dict:
    result = run(["-c", PROBE], env, tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_default(tmp_path):
    values = probe({}, tmp_path)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["eager"] is True
    assert values["broker"] == "memory://"
    assert values["cache"].endswith("LocMemCache")
    assert values["email"].endswith("filebased.EmailBackend")
    assert values["debug"] is True


def test_database_and_redis_urls_switch_to_postgres_redis_and_workers(tmp_path):
    values = probe(
        {"DATABASE_URL": "postgres://u@127.0.0.1:5432/x", "REDIS_URL": "redis://127.0.0.1:6379/3"},
        tmp_path,
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["eager"] is False
    assert values["broker"] == "redis://127.0.0.1:6379/3"
    assert values["cache"].endswith("RedisCache")


def test_production_refuses_to_start_without_secret_key_or_hosts(tmp_path):
    result = run(["-c", PROBE], {"DEBUG": "false", "ALLOWED_HOSTS": "a.example"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    result = run(["-c", PROBE], {**PRODUCTION, "ALLOWED_HOSTS": ""}, tmp_path)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def env_example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and line[0] != "#" and "=" in line)


def test_production_refuses_the_placeholders_of_env_example(tmp_path):
    result = run(["-c", PROBE], env_example(), tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "placeholder" in result.stderr
    real_key = {"SECRET_KEY": PRODUCTION["SECRET_KEY"]}
    result = run(["-c", PROBE], {**env_example(), **real_key}, tmp_path)
    assert result.returncode != 0
    for name in ("ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "DEFAULT_FROM_EMAIL"):
        assert name in result.stderr
    for name, value in [
        ("SECRET_KEY", "change-me" + "x" * 60),
        ("NEWSLETTER_UNSUBSCRIBE_MAILTO", "newsletter-abmelden@example.org"),
        ("ALLOWED_HOSTS", "portal.partnerschaften-nrw.test,www.example.com"),
    ]:
        result = run(["-c", PROBE], {**PRODUCTION, name: value}, tmp_path)
        assert result.returncode != 0 and name in result.stderr, name
    assert probe(PRODUCTION, tmp_path)["debug"] is False  # real values start


def test_production_forces_two_factor_and_hashed_static_files(tmp_path):
    values = probe({**PRODUCTION, "ADMIN_REQUIRE_2FA": "false"}, tmp_path)
    assert values["mfa"] is True
    assert values["static"].endswith("CompressedManifestStaticFilesStorage")


def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    env = {**env_example(), **PRODUCTION}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/deploy.sqlite3"
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_embedded_demo_relaxes_two_factor_unless_asked_for(tmp_path):
    assert probe({}, tmp_path)["mfa"] is False
    assert probe({"ADMIN_REQUIRE_2FA": "true"}, tmp_path)["mfa"] is True

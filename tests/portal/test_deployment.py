"""docker-compose.yml cannot run here (no Docker engine): check it names what exists."""

import importlib
from pathlib import Path

import pytest
import yaml
from django.core.management import get_commands
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_every_service_the_readme_names_is_there(compose):
    readme = (ROOT / "README.md").read_text()
    services = compose["services"]
    for name in ("db", "redis", "web", "worker", "beat", "mailpit", "proxy", "migrate"):
        assert name in services
        assert f"`{name}`" in readme, f"README does not describe the {name} service"
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")


def test_long_running_services_have_health_checks_and_named_volumes(compose):
    for name in ("db", "redis", "web", "worker", "mailpit"):
        assert "healthcheck" in compose["services"][name], name
    assert set(compose["volumes"]) >= {"pgdata", "redisdata", "media"}
    assert "pgdata:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]


def test_commands_point_at_code_that_exists(compose):
    services = compose["services"]
    web = services["web"]["command"]
    module, attr = web[web.index("gunicorn") + 1].split(":")
    assert hasattr(importlib.import_module(module), attr)
    for name, sub in (("worker", "worker"), ("beat", "beat")):
        cmd = services[name]["command"]
        assert cmd[:3] == ["celery", "-A", "portal"] and sub in cmd
    assert importlib.import_module("portal.celery").app.main == "portal"
    migrate = " ".join(services["migrate"]["command"])
    for command in ("migrate", "load_reference_data"):
        assert f"manage.py {command}" in migrate
        assert command in get_commands()
    assert "/healthz/" in " ".join(services["web"]["healthcheck"]["test"])
    assert reverse("healthz") == "/healthz/"
    beat_check = services["beat"]["healthcheck"]["test"]
    assert beat_check[-3:] == ["readiness", "--only", "beat"] and "readiness" in get_commands()
    assert reverse("readyz") == "/readyz/"
    assert (ROOT / "deploy" / "Caddyfile").is_file()
    assert (ROOT / "Dockerfile").is_file()


def test_env_example_sets_what_compose_requires(compose):
    env_example = (ROOT / ".env.example").read_text()
    for variable in (
        "POSTGRES_PASSWORD",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "DATABASE_URL",
        "REDIS_URL",
        "EMAIL_URL",
        "DEBUG",
    ):
        assert f"\n{variable}=" in env_example


def test_proxy_sends_uploads_only_after_the_apps_check(compose):
    """Caddy serves no upload folder of its own: /media/ goes to the app, which answers with
    X-Accel-Redirect into the volume mounted under the internal prefix (see also the live
    run in test_media_proxy.py)."""
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    prefix = compose["x-app"]["environment"]["MEDIA_ACCEL_REDIRECT_PREFIX"]
    assert prefix == "/protected-media/"
    assert f"media:/srv{prefix.rstrip('/')}:ro" in compose["services"]["proxy"]["volumes"]
    assert "{$PROTECTED_MEDIA_PARENT:/srv}" in caddyfile
    assert "rewrite * {rp.header.X-Accel-Redirect}" in caddyfile
    assert caddyfile.count("file_server") == 1  # only inside handle_response
    assert "handle_path /media/" not in caddyfile
    for header in (
        "X-Content-Type-Options nosniff",
        "?Content-Security-Policy \"default-src 'none'; sandbox\"",
        "?Content-Disposition attachment",
    ):
        assert header in caddyfile

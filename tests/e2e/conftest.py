"""Browser journeys: Playwright driving Debian's Chromium against the live server.

The live server runs on the PostgreSQL test database (transactional tests), Celery tasks run
eagerly, and emails land in Django's test outbox (``mailoutbox``), from which the browser
follows links like a person would. Map tiles never leave the machine: every request to
another host is answered with an empty image or aborted.

Screenshots of every page a journey passes, at 1280 and 390 px, go to
``$E2E_ARTIFACTS`` (default ``test-artifacts/e2e/``), which is not committed.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", "test-artifacts/e2e"))
EMPTY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
WIDTHS = (1280, 390)

pytestmark = pytest.mark.e2e


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_launch_args():
    """The launch arguments; override this fixture to change them."""
    return {"executable_path": CHROMIUM, "headless": True, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser(browser_launch_args, _restore_reference_rows):  # rows serialized first
    if not Path(browser_launch_args["executable_path"]).exists():
        pytest.fail(f"Chromium not found at {browser_launch_args['executable_path']}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # (fixtures, assertions) are still synchronous and safe here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**browser_launch_args)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def local_only_route(base_url: str):
    """A Playwright route handler: the portal's own URLs pass, images elsewhere (map tiles)
    get an empty PNG, everything else is aborted."""
    local = re.compile(rf"^{re.escape(base_url)}/")

    def handle(route):
        if local.match(route.request.url):
            route.continue_()
        elif route.request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
        else:
            route.abort()

    return handle


@pytest.fixture
def page(transactional_db, browser, live_server, settings):
    settings.SITE_URL = live_server.url
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="de-DE")
    context.route("**/*", local_only_route(live_server.url))
    page = context.new_page()
    page.base_url = live_server.url
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


class Journey:
    """Records what a journey passes: screenshots at two widths and an axe run per page."""

    axe = Axe()

    def __init__(self, page, name: str):
        self.page = page
        self.name = name
        self.step = 0
        self.axe_results: dict[str, list] = {}
        (ARTIFACTS / name).mkdir(parents=True, exist_ok=True)

    def check(self, label: str, *, axe: bool = True) -> None:
        """Screenshot the current page at both widths and run axe-core on it."""
        self.step += 1
        page = self.page
        size = page.viewport_size
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=str(ARTIFACTS / self.name / f"{self.step:02d}-{label}-{width}.png"),
                full_page=True,
            )
        page.set_viewport_size(size)
        if axe:
            results = self.axe.run(page)
            serious = [
                f"{v['id']} ({v['impact']}): {v['help']} — "
                + "; ".join(n["target"][0] for n in v["nodes"][:3])
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")
            ]
            self.axe_results[f"{label} {page.url}"] = [
                (v["id"], v["impact"]) for v in results.response["violations"]
            ]
            with (ARTIFACTS / "axe-results.txt").open("a") as log:
                log.write(
                    f"{self.name}\t{label}\t{page.url}\t{len(serious)} serious/critical"
                    f"\t{[(v['id'], v['impact']) for v in results.response['violations']]}\n"
                )
            assert not serious, f"axe on {page.url}: " + " | ".join(serious)


@pytest.fixture
def journey(page, request):
    return Journey(page, request.node.name)


def link_from_mail(mail, pattern: str = r"https?://\S+") -> str:
    match = re.search(pattern, mail.body)
    assert match, mail.body
    return match.group(0).rstrip(".,)>")


@pytest.fixture
def demo_data(transactional_db):
    """The seed's demo data (what `make run` shows), loaded into the live server's database."""
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO())


def totp_code(secret: str) -> str:
    from tests.portal.conftest import totp_code as code

    return code(secret)


@pytest.fixture
def staff_with_totp(transactional_db):
    import time  # noqa: F401 - the code is derived from the current time

    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import StaffFactory

    user = StaffFactory(is_superuser=True, email="team@example.org")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user

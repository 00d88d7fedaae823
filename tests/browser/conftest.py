"""
The browser tests: Debian's Chromium driven by Playwright (sync API) against the app served
by pytest-django's live server, with the Content-Security-Policy on.

- `browser` is one Chromium for all the browser tests; each test gets its own context (cookies,
  viewport) through `webblasare`.
- `webblasare.ny(user)` opens a context logged in as `user` (the session cookie of a Django
  test client logged in with `tests.conftest.login`, which also passes the two-factor step
  for the roles that must use it); `webblasare.ny()` opens one that is logged out.
- `kontrollera(page, namn)` (in kontroller.py) runs the checks every visited page must pass
  and saves a screenshot under test-artifacts/screenshots/<journey>/.

Every test here is transactional (the live server runs in another thread) with Django's
serialized rollback, so each starts from what migrate left (groups, categories, the adopted
policy, the risk scale, årshjulet); the hooks below make that hold whatever test ran
before on the same worker, and leave that state behind for the next one.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.conftest import login

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=sv-SE",
]
MOBIL = {"width": 375, "height": 812}
DATOR = {"width": 1280, "height": 900}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    # Every browser test: the marker, one xdist worker (one Chromium), the live server's
    # transactional database with the state migrate left restored before the test.
    for item in items:
        if _ar_webblasartest(item):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))
            # First, so that it wins over the plain django_db that tests/conftest.py adds.
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


def _ar_webblasartest(item) -> bool:
    return str(item.path).startswith(str(Path(__file__).parent))


# What migrate left in the test database, serialized when it was made. Kept here: once
# Playwright's event loop runs in this thread, Django hands the test code another connection
# object, without the serialized contents on it.
_serialiserat = None


@pytest.fixture(scope="session", autouse=True)
def _spara_serialiserat(django_db_setup):
    global _serialiserat
    from django.db import connection

    _serialiserat = getattr(connection, "_test_serialized_contents", None)


def _i_testdatabasen(item, gor) -> None:
    """Run `gor()` on the test database, outside any fixture, once it exists."""
    from pytest_django.plugin import blocking_manager_key

    if _serialiserat:
        with item.config.stash[blocking_manager_key].unblock():
            gor()


def _som_efter_migrate() -> None:
    """Empty the database and load what migrate left in it."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(_serialiserat)


# True when the database is as migrate left it and no other test has run since.
_ren = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # Not left to Django's own restore: it saves the rows onto whatever is there, and after a
    # transactional test without serialized rollback post_migrate has put groups and content
    # types back under other ids, so the restore collides with them.
    global _ren
    if _ar_webblasartest(item) and not _ren:
        _i_testdatabasen(item, _som_efter_migrate)
    _ren = False
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    # Leave the database as migrate left it, for whatever test runs next on this worker.
    global _ren
    try:
        return (yield)
    finally:
        if _ar_webblasartest(item):
            _i_testdatabasen(item, _som_efter_migrate)
            _ren = nextitem is not None and _ar_webblasartest(nextitem)


# Package scope: Chromium (and the setting below) live exactly as long as the browser tests,
# which run one after another on one xdist worker.
@pytest.fixture(scope="package")
def browser(require_chromium):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop running in this thread, and Django then
    # refuses the test's own ORM calls as if they came from async code. Nothing here is async.
    tidigare = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            b = p.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                args=CHROMIUM_ARGS,
            )
            yield b
            b.close()
    finally:
        if tidigare is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = tidigare


class Webblasare:
    """The browser contexts of one test. Each context records every page response, so that a
    test can check that the CSP header was on all of them, and every console message that
    reports a blocked resource."""

    def __init__(self, browser, base_url: str, journey: str):
        self.browser = browser
        self.base_url = base_url
        self.journey = journey
        self.contexts = []
        self.dokument = []  # (url, status, csp header)
        self.csp_fel = []
        self.sida_nr = 0

    def ny(self, user=None, viewport=DATOR, touch=False):
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport=viewport,
            has_touch=touch,
            locale="sv-SE",
            timezone_id="Europe/Stockholm",
            accept_downloads=True,
        )
        # Generous for a loaded CI machine: ordering the PDF renders it within the request.
        context.set_default_timeout(30_000)
        context.set_default_navigation_timeout(90_000)
        if user is not None:
            client = login(Client(), user)
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": self.base_url,
                    }
                ]
            )
        context.on("page", self._folj)
        self.contexts.append(context)
        return context

    def sida(self, user=None, viewport=DATOR, touch=False):
        return self.ny(user, viewport, touch).new_page()

    def _folj(self, page):
        def svar(response):
            if response.request.resource_type == "document":
                self.dokument.append(
                    (response.url, response.status, response.headers.get("content-security-policy"))
                )

        def konsol(msg):
            if "Content Security Policy" in msg.text or msg.text.startswith("Refused to"):
                self.csp_fel.append(f"{page.url}: {msg.text}")

        page.on("response", svar)
        page.on("console", konsol)

    def stang(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def webblasare(browser, live_server, request, settings):
    # The two-factor step as in production: the roles that must use it get past it only
    # with a verified session.
    settings.OTP_REQUIRED = True
    journey = request.node.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
    w = Webblasare(browser, live_server.url, journey)
    yield w
    w.stang()

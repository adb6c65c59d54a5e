"""The browser: Debian's Chromium driven by Playwright (never a downloaded browser)."""

import os
import shutil

import pytest

from tests.assessments.test_worker import start_worker  # noqa: F401 - a real worker

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def live_server_sessions(live_server, django_db_blocker):
    """Ends the live server's database sessions once, after the last browser test: ending them
    after each test would leave the next test's server threads holding closed connections."""
    yield live_server
    with django_db_blocker.unblock():
        _end_live_server_connections()


@pytest.fixture
def browser_page(live_server_sessions):
    if not shutil.which(CHROMIUM):
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"{CHROMIUM} is missing (install Debian's chromium)")
        pytest.skip(f"!!! {CHROMIUM} is missing: the browser test cannot run")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls are
    # ordinary synchronous code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _end_live_server_connections() -> None:
    """The live server (session-wide) answers in threads of its own; one left holding a database
    connection would keep the test database from being dropped at the end of the run."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )

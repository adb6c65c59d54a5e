"""A lawyer logs in, answers the guided intake, uploads a sample, submits and reads the report,
in Debian's Chromium driven by Playwright."""

import os
import shutil

import pytest

from accounts.roles import Role
from accounts.services import user_create_with_role
from cases.services import caselaw_load, library_read

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.fixture
def browser_page():
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
    _end_live_server_connections()


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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_lawyer_intake_upload_report(browser_page, live_server, samples, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    caselaw_load(library=library_read())
    user_create_with_role(username="lawyer", password="lawyer-demo-pass", role=Role.LAWYER)
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/?next=/assessments/")
    page.fill("#id_username", "lawyer")
    page.fill("#id_password", "lawyer-demo-pass")
    page.click("form.stacked button[type=submit]")
    page.fill("#id_title", "Spring breeze")
    page.click("main form button[type=submit]")
    page.click("text=Answer step by step (guided intake)")
    page.fill("#id_work_title", "Spring breeze")
    page.select_option("#id_work_kind", "image")
    page.click("button[value=next]")
    page.fill("#id_author_name", "Li Ming")
    page.select_option("#id_author_kind", "natural_person")
    page.click("button[value=next]")
    assert "F11" in page.content()
    while "/intake/jurisdictions/" not in page.url:
        page.click("button[value=next]")
    page.uncheck("input[value=EU]")
    page.uncheck("input[value=UK]")
    page.click("button[value=next]")
    assert "Li Ming" in page.content()
    page.goto(page.url.replace("intake/review/", ""))
    page.set_input_files("#files", str(samples / "comfyui/comfyexamples_inpaint_example.png"))
    page.click("form.dropzone button[type=submit]")
    assert "comfyui" in page.content()
    page.click("text=Submit for a report")
    page.click("text=Read the report")
    text = page.content()
    assert "Copyright assessment of an AI-assisted work" in text
    assert "Li Ming" in text and "cn-bic-li-v-liu-2023" in text
    page.screenshot(path=str(tmp_path / "report.png"))

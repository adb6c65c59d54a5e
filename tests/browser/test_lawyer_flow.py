"""A lawyer logs in, answers the guided intake, uploads a sample, submits and reads the report,
in Debian's Chromium driven by Playwright."""

import pytest

from accounts.roles import Role
from accounts.services import user_create_with_role
from cases.services import caselaw_load, library_read


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
    # The files: attached in the wizard, each shown with what it holds, one named the final work.
    page.set_input_files("#files", str(samples / "comfyui/comfyexamples_inpaint_example.png"))
    page.click("form.dropzone button[type=submit]")
    assert "ComfyUI workflow" in page.content()
    page.locator("input[name=final_file]").first.check()
    page.click("button[value=next]")
    page.fill("#id_author_name", "Li Ming")
    page.select_option("#id_author_kind", "natural_person")
    page.click("button[value=next]")
    assert "What the tool did decides whether the work is the client's" in page.content()
    while "/intake/jurisdictions/" not in page.url:
        page.click("button[value=next]")
    page.uncheck("input[value=EU]")
    page.uncheck("input[value=UK]")
    page.click("button[value=next]")
    assert "Li Ming" in page.content()
    assert "the final work" in page.content()
    page.goto(page.url.replace("intake/review/", ""))
    page.click("text=Submit for a report")
    page.click("text=Read the report")
    text = page.content()
    assert "Copyright assessment of an AI-assisted work" in text
    assert "Li Ming" in text and "cn-bic-li-v-liu-2023" in text
    page.screenshot(path=str(tmp_path / "report.png"))

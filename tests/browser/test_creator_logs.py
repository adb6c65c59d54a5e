"""A creator's journey in Debian's Chromium: read files on /logs/ signed out (what each holds, in
words), sign in, read them in place, and start an assessment with the same files."""

import pytest

from accounts.roles import Role
from accounts.services import user_create_with_role
from assessments.models import Assessment


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_creator_reads_files_then_starts_an_assessment_with_them(
    browser_page, live_server, samples, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    creator = user_create_with_role(username="maker", password="maker-demo-pass", role=Role.CREATOR)
    files = [
        str(samples / "comfyui/comfyexamples_inpaint_example.png"),
        str(samples / "negative/enslo_gimp-resaved.jpg"),
    ]
    page = browser_page
    page.goto(f"{live_server.url}/logs/")
    assert "to keep them as evidence in an assessment" in page.content()
    page.set_input_files("#files", files)
    page.click("button[value=read]")
    page.wait_for_selector("text=ComfyUI workflow")
    text = page.inner_text("#results")
    assert "Inpainted" in text and "No generation metadata in this file." in text
    for code in ("no_generation_metadata", "inpaint\n", "(unknown)"):
        assert code not in text, code
    page.screenshot(path=str(tmp_path / "logs-signed-out.png"), full_page=True)

    page.click("text=Sign in")
    page.fill("#id_username", "maker")
    page.fill("#id_password", "maker-demo-pass")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/logs/")
    page.set_input_files("#files", files)
    page.click("button[value=read]")
    page.wait_for_selector("text=ComfyUI workflow")
    # Read in place: the files are still chosen, and start the assessment.
    page.click("button[value=assess]")
    page.wait_for_url("**/assessments/*/")
    assessment = Assessment.objects.get(owner=creator)
    assert sorted(f.name for f in assessment.logs.all()) == [
        "comfyexamples_inpaint_example.png",
        "enslo_gimp-resaved.jpg",
    ]
    assert "comfyexamples_inpaint_example" in page.content()
    page.screenshot(path=str(tmp_path / "assessment-from-logs.png"), full_page=True)

"""Counsel's journey in Debian's Chromium: submit and watch the report being built by a real
worker, read it, note a finding, override the UK conclusion with a reason, issue v1, download its
PDF; then, after a ruleset change, rerun and see what changed against v1."""

import shutil
import subprocess

import pytest

from accounts.roles import Role
from accounts.services import user_create_with_role
from aigc_copyright.celery import app as celery_app
from assessments import services
from assessments.models import ReportVersion
from assessments.rules import ruleset as rulesets
from cases.models import Case
from cases.services import caselaw_load, library_read

REASON = "The client's studio made the arrangements for the output; the CDPA s. 9(3) author."


def _text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("poppler-utils' pdftotext is missing: the PDF's text cannot be read")
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(out.stdout.decode().split())


def _changed_uk_ruleset(monkeypatch) -> None:
    """A new UK ruleset version that weighs the work's selection differently."""
    uk = rulesets._read("UK")
    factors = {
        code: rule.model_copy(update={"weight": 5.0}) if code == "F6" else rule
        for code, rule in uk.factors.items()
    }
    new = uk.model_copy(update={"id": "UK-2099.1", "factors": factors})
    real = rulesets._read
    monkeypatch.setattr(rulesets, "_read", lambda code: new if code == "UK" else real(code))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_counsel_reviews_issues_and_sees_what_a_ruleset_change_changed(
    browser_page,
    live_server,
    samples,
    start_worker,
    tmp_path,
    monkeypatch,
):
    caselaw_load(library=library_read())
    lawyer = user_create_with_role(
        username="counsel", password="counsel-demo-pass", role=Role.LAWYER
    )
    lawyer.first_name, lawyer.last_name = "Mei", "Chen"
    lawyer.save()
    assessment = services.assessment_create(owner=lawyer, title="Spring breeze")
    services.assessment_intake_update(
        assessment=assessment,
        intake={"jurisdictions": ["CN", "US", "UK"], "work_title": "Spring breeze"},
    )
    services.assessment_languages_update(assessment=assessment, languages=["en"])
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/?next=/assessments/{assessment.pk}/")
    page.fill("#id_username", "counsel")
    page.fill("#id_password", "counsel-demo-pass")
    page.click("form.stacked button[type=submit]")
    page.set_input_files("#files", str(samples / "comfyui/comfyexamples_inpaint_example.png"))
    page.click("form.dropzone button[type=submit]")
    page.wait_for_selector("text=comfyexamples_inpaint_example.png")

    # Submitted with no worker running yet: the page shows the build in progress...
    page.click("button:has-text('Submit for a report')")
    page.wait_for_selector("text=The report is being built")
    page.screenshot(path=str(tmp_path / "1-progress.png"))
    # ...and, once a worker takes it, the report, without a reload.
    start_worker()
    page.wait_for_selector("text=Read the report", timeout=90_000)
    page.click("text=Read the report")
    report = page.content()
    assert "1. The answer" in report and "Draft: not yet reviewed or issued by counsel" in report
    page.screenshot(path=str(tmp_path / "2-report.png"), full_page=True)

    # Counsel's review: a note on a Chinese finding, the UK conclusion overridden with a reason.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/review/")
    page.fill("textarea[name='note_CN_F2']", "The prompt names the composition; confirmed.")
    engine_uk = page.locator("#override_UK option").all_inner_texts()
    assert len(engine_uk) == 5  # keep, and the four conclusions
    page.select_option("#override_UK", "partially_protectable")
    page.fill("#reason_UK", REASON)
    page.click("text=Save the review")
    page.wait_for_url(f"**/assessments/{assessment.pk}/report/")
    reviewed = page.content()
    assert "Counsel&#39;s conclusion" in reviewed or "Counsel's conclusion" in reviewed
    assert "The prompt names the composition; confirmed." in reviewed

    # Issue v1: rendered by the worker, shown when done; its PDF downloads.
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    page.click("button:has-text('Issue this report as the next version')")
    page.wait_for_selector("text=PDF (English)", timeout=90_000)
    page.screenshot(path=str(tmp_path / "3-issued.png"))
    with page.expect_download() as download:
        page.click("text=PDF (English)")
    pdf = open(download.value.path(), "rb").read()
    version = ReportVersion.objects.get(assessment=assessment)
    assert version.number == 1 and version.status == "done"
    text = _text(pdf)
    li_v_liu = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    assert li_v_liu.docket and " ".join(li_v_liu.citation.split()) in text
    assert REASON in text and "Reviewed and issued by Mei Chen on" in text
    assert "Draft: not yet reviewed" not in text

    # The UK ruleset changes; a rerun (in process, under the new rules) shows what changed.
    _changed_uk_ruleset(monkeypatch)
    celery_app.conf.task_always_eager = True  # restored by the start_worker fixture
    page.goto(f"{live_server.url}/assessments/{assessment.pk}/")
    assert "the law changed since this report" in page.content().lower()
    page.click("button:has-text('Submit again')")
    page.wait_for_selector("text=What changed since version 1", timeout=60_000)
    changes = page.locator("text=What changed since version 1 >> xpath=..").inner_text()
    assert "United Kingdom" in changes and "UK-2099.1" in changes and "score" in changes
    page.screenshot(path=str(tmp_path / "4-diff.png"), full_page=True)

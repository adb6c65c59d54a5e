"""Issued versions: v1, v2, … each frozen with its documents and their SHA-256, rendered by the
worker as issued (who and when); read-only colleagues see issued versions only."""

import hashlib
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.test import Client

from assessments import services
from assessments.models import ReportVersion
from tests.assessments.test_workflow import INFOTEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(
        "counsel1", password="a-long-pass-123", first_name="Mei", last_name="Chen"
    )


@pytest.fixture
def assessment(owner, loaded_library, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = services.assessment_create(owner=owner, title="Spring breeze")
    services.creation_log_attach(assessment=item, name="a.txt", data=INFOTEXT)
    services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN", "US"]})
    services.assessment_languages_update(assessment=item, languages=["en", "zh"])
    return item


@pytest.fixture
def reader(django_user_model, assessment):
    user = django_user_model.objects.create_user("reader9", password="a-long-pass-123")
    services.assessment_share(assessment=assessment, username="reader9", can_edit=False)
    client = Client()
    client.force_login(user)
    return client


def _pdf_text(data: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("!!! poppler's pdftotext is not installed: the PDF text cannot be checked")
    return subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


def test_issuing_freezes_a_version_that_readers_then_see(
    client, owner, assessment, reader, django_capture_on_commit_callbacks, pdf_renderer
):
    client.force_login(owner)
    url = f"/api/assessments/{assessment.pk}"
    nothing = client.post(f"{url}/report/issue/")
    assert (nothing.status_code, nothing.json()["error"]) == (409, "report_not_ready")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/submit/").status_code == 202
    # A read-only colleague sees no draft: nothing issued yet.
    refused = reader.get(f"{url}/report/")
    assert (refused.status_code, refused.json()["error"]) == (409, "report_not_issued")
    assert reader.post(f"{url}/report/issue/").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        issued = client.post(f"{url}/report/issue/")
    assert issued.status_code == 202
    body = client.get(f"{url}/report/versions/").json()
    assert [(v["number"], v["status"], v["issued_by"]) for v in body] == [(1, "done", "Mei Chen")]
    # English and Chinese: one bilingual document, hashed as html and pdf.
    assert body[0]["bilingual"] and body[0]["languages"] == ["en", "zh"]
    assert set(body[0]["sha256"]) == {"html", "pdf", "json"}
    again = client.post(f"{url}/report/issue/")
    assert (again.status_code, again.json()["number"]) == (200, 1)  # one version per report

    version = ReportVersion.objects.get()
    # Each hash is the hash of what is stored and served.
    pdf = client.get(f"{url}/report/versions/1.pdf").content
    assert hashlib.sha256(pdf).hexdigest() == version.sha256["pdf"]
    assert hashlib.sha256(version.html.encode()).hexdigest() == version.sha256["html"]
    text = " ".join(_pdf_text(pdf).split())
    assert "Reviewed and issued by Mei Chen on" in text and "Version 1, issued" in text
    assert "DRAFT" not in text and "Draft: not yet reviewed" not in text
    chinese = " ".join(
        _pdf_text(client.get(f"{url}/report/versions/1.pdf?lang=zh-hans").content).split()
    )
    assert "由 Mei Chen 于" in chinese and "审阅并签发" in chinese

    # The reader now gets the issued version: its JSON, its PDF and its page.
    assert reader.get(f"{url}/report/").json() == version.result
    assert (
        hashlib.sha256(reader.get(f"{url}/report.pdf").content).hexdigest() == version.sha256["pdf"]
    )
    page = reader.get(f"/assessments/{assessment.pk}/report/").content.decode()
    assert "Version 1, issued" in page

    # New evidence, a new draft: the owner sees it, the reader still sees v1; issuing it is v2.
    services.creation_log_attach(
        assessment=assessment, name="b.txt", data=INFOTEXT.replace(b"Seed: 42", b"Seed: 43")
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/submit/").status_code == 202
    draft = client.get(f"/assessments/{assessment.pk}/report/").content.decode()
    assert "Draft: not yet reviewed or issued by counsel" in draft
    assert (
        "Version 1, issued" in reader.get(f"/assessments/{assessment.pk}/report/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/report/issue/").status_code == 202
    numbers = [v["number"] for v in client.get(f"{url}/report/versions/").json()]
    assert numbers == [2, 1]
    first = ReportVersion.objects.get(number=1)
    assert first.sha256 == version.sha256  # v1 is untouched
    assert reader.get(f"{url}/report/versions/2/").json()["number"] == 2


def test_a_version_waiting_for_its_render_is_sent_again_by_the_sweeper(
    owner, assessment, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=assessment)
    with django_capture_on_commit_callbacks(execute=False):
        version, created = services.report_issue(assessment=assessment, user=owner)
    assert created and version.status == "pending"
    sent: list[int] = []
    monkeypatch.setattr(
        services, "report_version_enqueue", lambda version_id: sent.append(version_id)
    )
    assert services.report_versions_sweep(pending_after=timedelta(seconds=-1)) == 1
    assert sent == [version.pk]


def test_a_version_in_one_language_has_just_that_document(
    client, owner, assessment, django_capture_on_commit_callbacks, pdf_renderer
):
    services.assessment_languages_update(assessment=assessment, languages=["zh"])
    client.force_login(owner)
    url = f"/api/assessments/{assessment.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/submit/").status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/report/issue/").status_code == 202
    (body,) = client.get(f"{url}/report/versions/").json()
    assert not body["bilingual"] and set(body["sha256"]) == {"html_zh", "pdf_zh", "json"}
    missing = client.get(f"{url}/report/versions/1.pdf?lang=en")
    assert (missing.status_code, missing.json()["error"]) == (404, "language_not_issued")
    text = " ".join(
        _pdf_text(client.get(f"{url}/report/versions/1.pdf?lang=zh-hans").content).split()
    )
    assert "第 1 页，共" in text and "1. The answer" not in text


def test_a_bilingual_version_is_one_document_with_both_languages_on_their_own_pages(
    client, owner, assessment, django_capture_on_commit_callbacks, pdf_renderer
):
    client.force_login(owner)
    url = f"/api/assessments/{assessment.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/submit/").status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        client.put(
            f"{url}/review/",
            {"overrides": {"US": {"verdict": "uncertain", "reason": "The edits are disputed."}}},
            content_type="application/json",
        )
        assert client.post(f"{url}/report/issue/").status_code == 202
    pdf = client.get(f"{url}/report/versions/1.pdf").content
    assert client.get(f"{url}/report/versions/1.pdf?lang=zh-hans").content == pdf
    pages = _pdf_text(pdf).split("\f")
    english = next(i for i, page in enumerate(pages) if "1. The answer" in page)
    chinese = next(i for i, page in enumerate(pages) if "一、结论" in page)
    assert 0 < english < chinese
    # Each part's pages carry its own language's header and footer, the numbering runs on.
    assert f"Page {english + 1} of {len(pages) - 1}" in " ".join(pages[english].split())
    assert f"第 {chinese + 1} 页，共 {len(pages) - 1} 页" in " ".join(pages[chinese].split())
    # Counsel's override, with its reason, is in both parts, and in the version's HTML.
    assert " ".join(pdf_text for pdf_text in pages).count("The edits are disputed.") == 2
    version = ReportVersion.objects.get()
    assert version.html.count("The edits are disputed.") == 2


def test_an_issued_version_cannot_be_changed(
    client, owner, assessment, django_capture_on_commit_callbacks, pdf_renderer
):
    from django.db import DatabaseError, connection, transaction

    client.force_login(owner)
    url = f"/api/assessments/{assessment.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/submit/").status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}/report/issue/").status_code == 202
    version = ReportVersion.objects.get()
    assert version.status == "done"
    hashes = dict(version.sha256)
    # Through the model, a bulk update, and plain SQL: each refused by the database.
    version.html = "<p>rewritten</p>"
    for attempt in (
        version.save,
        lambda: ReportVersion.objects.filter(pk=version.pk).update(review={"cover": None}),
        lambda: connection.cursor().execute(
            "UPDATE assessments_reportversion SET sha256 = '{}' WHERE id = %s", [version.pk]
        ),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    stored = ReportVersion.objects.get(pk=version.pk)
    assert stored.sha256 == hashes and "rewritten" not in stored.html

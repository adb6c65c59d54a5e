"""The report workflow: submit, build (Celery task), idempotence, failures, the sweeper."""

import json
import shutil
import subprocess
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments import services
from assessments.models import Assessment, Report
from cases.links import PublicUrlMissing, public_base

INFOTEXT = (
    b"portrait of a young woman, long black hair, soft smile, standing by a window, golden hour, "
    b"close-up, oil painting\nNegative prompt: blurry\n"
    b"Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512, Model: chilloutmix"
)


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("lawyer1", password="a-long-pass-123")


@pytest.fixture
def assessment(user, loaded_library, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    item = services.assessment_create(owner=user, title="Spring breeze")
    services.creation_log_attach(assessment=item, name="a.txt", data=INFOTEXT)
    services.assessment_intake_update(
        assessment=item,
        intake={
            "jurisdictions": ["CN", "US"],
            "claimed_author": {"name": "Li", "kind": "natural_person"},
        },
    )
    return item


def test_submit_needs_something_to_assess(user, loaded_library):
    empty = services.assessment_create(owner=user)
    with pytest.raises(services.NothingToAssess):
        services.assessment_submit(assessment=empty)
    # Where to assess and a title are not facts to assess: refused, not scored.
    services.assessment_intake_update(
        assessment=empty, intake={"jurisdictions": ["CN", "US"], "work_title": "Untitled"}
    )
    with pytest.raises(services.NothingToAssess):
        services.assessment_submit(assessment=empty)
    services.assessment_intake_update(
        assessment=empty,
        intake={
            "jurisdictions": ["CN"],
            "human_contribution": "I drew the sketch it started from.",
        },
    )
    report, created = services.assessment_submit(assessment=empty)
    assert created and report.pk


def test_submit_enqueues_on_commit_and_the_task_builds_the_report(
    assessment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report, created = services.assessment_submit(assessment=assessment)
    assert created and len(callbacks) == 1
    report.refresh_from_db()
    assessment.refresh_from_db()
    assert report.status == "done"
    assert assessment.status == "done"
    assert set(report.result["jurisdictions"]) == {"CN", "US"}
    assert report.rulesets["CN"].startswith("CN-")
    assert "Spring breeze" in report.html and "/cases/cn-bic-li-v-liu-2023/" in report.html
    # Decisions are cited as lawyers cite them, never by their library slug.
    assert ">Li v. Liu, Beijing Internet Court, (2023) Jing 0491 Min Chu No. 11279" in report.html
    assert ">cn-bic-li-v-liu-2023<" not in report.html
    assert "Table of authorities" in report.html
    authority = report.result["authorities"]["cn-bic-li-v-liu-2023"]
    assert authority["proceeding_status"] == "decided" and authority["citation_zh"]
    assert report.attempts == 1


def test_resubmitting_unchanged_gives_back_the_report(
    assessment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = services.assessment_submit(assessment=assessment)
    again, created = services.assessment_submit(assessment=assessment)
    assert (again.pk, created) == (first.pk, False)
    services.assessment_intake_update(
        assessment=assessment, intake={"jurisdictions": ["CN"], "dispute": True}
    )
    changed, created = services.assessment_submit(assessment=assessment)
    assert created and changed.pk != first.pk
    assert Report.objects.filter(assessment=assessment).count() == 2


def test_a_redelivered_task_builds_nothing_twice(assessment):
    report, _ = services.assessment_submit(assessment=assessment)
    services.report_build(report_id=report.pk)
    services.report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "done" and report.attempts == 1


def test_a_failed_build_is_reported_and_can_be_retried(assessment, monkeypatch):
    report, _ = services.assessment_submit(assessment=assessment)

    def broken(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "result_build", broken)
    services.report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == "failed"
    assert "could not be built" in report.error
    assert Assessment.objects.get(pk=assessment.pk).status == "failed"
    monkeypatch.undo()
    retry, created = services.assessment_submit(assessment=assessment)
    assert created and retry.pk != report.pk


def test_the_sweeper_sends_stale_reports_again(assessment, monkeypatch):
    sent = []
    monkeypatch.setattr(
        services, "report_enqueue", lambda report_id: sent.append(report_id) or True
    )
    report, _ = services.assessment_submit(assessment=assessment)
    Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert (
        services.reports_sweep(
            pending_after=timedelta(minutes=1), running_after=timedelta(minutes=5)
        )
        == 1
    )
    assert sent == [report.pk]
    Report.objects.filter(pk=report.pk).update(
        status="running", started_at=timezone.now() - timedelta(hours=1)
    )
    services.reports_sweep(pending_after=timedelta(minutes=1), running_after=timedelta(minutes=5))
    assert Report.objects.get(pk=report.pk).status == "pending"


def test_broker_down_at_submit_loses_nothing(
    assessment, monkeypatch, django_capture_on_commit_callbacks
):
    from assessments import tasks

    def down(*args, **kwargs):
        raise ConnectionError("broker unreachable")

    monkeypatch.setattr(tasks.build_report, "apply_async", down)
    with django_capture_on_commit_callbacks(execute=True):
        report, created = services.assessment_submit(assessment=assessment)
    assert created
    assert Report.objects.get(pk=report.pk).status == "pending"


def test_api_submit_status_report_and_pdf(
    client, assessment, user, django_capture_on_commit_callbacks, pdf_renderer
):
    client.force_login(user)
    assert client.get(f"/api/assessments/{assessment.pk}/report/").status_code == 409
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/api/assessments/{assessment.pk}/submit/")
    assert response.status_code == 202
    assert response.json()["status_url"].endswith(f"/api/assessments/{assessment.pk}/")
    again = client.post(f"/api/assessments/{assessment.pk}/submit/")
    assert again.status_code == 200 and again.json()["created"] is False
    state = client.get(f"/api/assessments/{assessment.pk}/").json()
    assert state["status"] == "done" and state["report"]["status"] == "done"
    result = client.get(f"/api/assessments/{assessment.pk}/report/").json()
    assert result["jurisdictions"]["US"]["verdict"] in ("not_protectable", "partially_protectable")
    if shutil.which("pdftotext") is None:
        pytest.skip("!!! poppler's pdftotext is not installed: the PDF text cannot be checked")
    for lang, expected in (("en", "Jing 0491 Min Chu No. 11279"), ("zh-hans", "京0491民初11279号")):
        pdf = client.get(f"/api/assessments/{assessment.pk}/report.pdf", {"lang": lang})
        assert pdf.status_code == 200, pdf.content[:200]
        assert pdf["Content-Type"] == "application/pdf"
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        assert expected in text.replace("\n", " "), lang
        assert "cn-bic-li-v-liu-2023" not in text.replace("\n", "")
        # The links go to the address the request came to, never a loopback default.
        urls = subprocess.run(
            ["pdfinfo", "-url", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        assert "http://testserver/cases/cn-bic-li-v-liu-2023/" in urls, lang
        assert "127.0.0.1" not in urls, lang


def test_api_intake_is_validated_and_others_get_404(client, assessment, user, django_user_model):
    client.force_login(user)
    bad = client.patch(
        f"/api/assessments/{assessment.pk}/",
        json.dumps({"intake": {"jurisdictions": ["XX"]}}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == "invalid_intake"
    assert bad.json()["detail"].startswith("jurisdictions")
    other = django_user_model.objects.create_user("other", password="a-long-pass-123")
    client.force_login(other)
    for method, url in (
        ("get", ""),
        ("post", "submit/"),
        ("get", "report/"),
        ("get", "report.pdf"),
    ):
        response = getattr(client, method)(f"/api/assessments/{assessment.pk}/{url}")
        assert response.status_code == 404, url


def test_upload_then_submit_through_the_api(
    client, user, loaded_library, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(user)
    pk = client.post("/api/assessments/", {"title": "x"}, content_type="application/json").json()[
        "id"
    ]
    client.post(f"/api/assessments/{pk}/logs/", {"file": SimpleUploadedFile("a.txt", INFOTEXT)})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/assessments/{pk}/submit/").status_code == 202
    assert client.get(f"/api/assessments/{pk}/report/").json()["evidence_record"]["root"]


EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def test_prompt_and_title_html_is_shown_escaped_on_every_page_and_in_the_pdf(
    client,
    user,
    loaded_library,
    tmp_path,
    settings,
    pdf_renderer,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    item = services.assessment_create(owner=user, title=f"Work {EVIL}")
    log = f"{EVIL} a cat on a roof\nNegative prompt: {EVIL}\n".encode() + (
        b"Steps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"
    )
    services.creation_log_attach(assessment=item, name="evil<b>.txt", data=log)
    services.assessment_intake_update(
        assessment=item,
        intake={
            "jurisdictions": ["CN", "US"],
            "claimed_author": {"name": EVIL, "kind": "natural_person"},
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.assessment_submit(assessment=item)
    assert Report.objects.get(pk=report.pk).status == "done"
    client.force_login(user)
    pages = [
        "/assessments/",
        f"/assessments/{item.pk}/",
        f"/assessments/{item.pk}/report/",
        f"/assessments/{item.pk}/intake/review/",
    ]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert(1)" not in html and "<img src=x" not in html, url
        assert "&lt;script&gt;alert(1)" in html, url
    if shutil.which("pdftotext") is None:
        pytest.skip("!!! poppler's pdftotext is not installed: the PDF text cannot be checked")
    pdf = client.get(f"/api/assessments/{item.pk}/report.pdf")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
    ).stdout.decode()
    # Shown as text, which it only is when the HTML behind the PDF escaped it.
    assert "<script>alert(1)</script>" in text.replace("\n", "")


def test_a_document_links_to_the_public_address_and_never_guesses_one(
    client, assessment, user, settings, django_capture_on_commit_callbacks
):
    assert settings.PUBLIC_URL == ""  # no loopback default
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "copyright.example.com"]
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/api/assessments/{assessment.pk}/submit/", HTTP_HOST="copyright.example.com")
    report = assessment.reports.get()
    assert report.public_url == "http://copyright.example.com"
    # A build with neither the submitter's address nor PUBLIC_URL does not guess one: the PDF is
    # not stored, and the PDF endpoint renders it for the address the reader came to.
    orphan = Report.objects.create(assessment=assessment, input_digest="0" * 64, rulesets={})
    services.report_build(report_id=orphan.pk)
    orphan.refresh_from_db()
    assert orphan.status == "done" and not orphan.pdf
    with pytest.raises(PublicUrlMissing):
        public_base()
    settings.PUBLIC_URL = "https://reports.example.org"
    assert public_base() == "https://reports.example.org"


def test_the_sweeper_does_not_multiply_a_backlog(assessment, monkeypatch):
    sent = []
    monkeypatch.setattr(
        services, "report_enqueue", lambda report_id: sent.append(report_id) or True
    )
    report, _ = services.assessment_submit(assessment=assessment)
    long_ago = timezone.now() - timedelta(minutes=5)
    # Sent a moment ago, still waiting in a long queue: not sent again.
    Report.objects.filter(pk=report.pk).update(created_at=long_ago, enqueued_at=timezone.now())
    grace, deadline = timedelta(minutes=1), timedelta(minutes=5)
    assert services.reports_sweep(pending_after=grace, running_after=deadline) == 0
    # Its last sending is older than the grace: sent again, once.
    Report.objects.filter(pk=report.pk).update(enqueued_at=long_ago)
    assert services.reports_sweep(pending_after=grace, running_after=deadline) == 1
    assert sent == [report.pk]


def test_a_build_whose_worker_fell_silent_is_given_back_within_the_silent_deadline(assessment):
    report, _ = services.assessment_submit(assessment=assessment)
    now = timezone.now()
    grace, deadline, silent = timedelta(minutes=1), timedelta(minutes=5), timedelta(seconds=45)
    # Claimed 50 s ago and beating: still running.
    Report.objects.filter(pk=report.pk).update(
        status="running", started_at=now - timedelta(seconds=50), heartbeat_at=now
    )
    services.reports_sweep(pending_after=grace, running_after=deadline, silent_after=silent)
    assert Report.objects.get(pk=report.pk).status == "running"
    # The pool child was killed: no beat for a minute, long before the running deadline.
    Report.objects.filter(pk=report.pk).update(heartbeat_at=now - timedelta(seconds=60))
    services.reports_sweep(pending_after=grace, running_after=deadline, silent_after=silent)
    assert Report.objects.get(pk=report.pk).status == "pending"


def test_each_stage_of_a_build_beats(assessment, monkeypatch):
    beats = []
    real = services._beat
    monkeypatch.setattr(services, "_beat", lambda r, a: beats.append((r, a)) or real(r, a))
    report, _ = services.assessment_submit(assessment=assessment)
    Report.objects.filter(pk=report.pk).update(status="pending")
    services.report_build(report_id=report.pk)
    assert len(beats) >= 3 and Report.objects.get(pk=report.pk).status == "done"


def test_the_worker_stores_every_languages_report_and_requests_never_render_one(
    client,
    assessment,
    user,
    django_capture_on_commit_callbacks,
    pdf_renderer,
    monkeypatch,
    settings,
):
    settings.PUBLIC_URL = "https://aigc.example.org"
    services.assessment_languages_update(assessment=assessment, languages=["zh", "en"])
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.assessment_submit(assessment=assessment)
    built = Report.objects.get(pk=report.pk)
    assert built.languages == ["en", "zh"]
    assert built.status == "done"
    # Both languages: one bilingual document, the whole report in English, then in Chinese.
    assert built.bilingual and not built.html_zh and not built.pdf_zh
    assert built.html.index("1. The answer") < built.html.index("一、结论")
    assert "李某诉刘某" in built.html and built.pdf
    from assessments import selectors
    from assessments.reports import render

    def no_rendering(*args, **kwargs):
        raise AssertionError("a request rendered a report")

    monkeypatch.setattr(selectors, "render_pdf", no_rendering)
    monkeypatch.setattr(selectors, "render_html", no_rendering)
    monkeypatch.setattr(render, "render_pdf", no_rendering)
    client.force_login(user)
    stored = built.pdf.open("rb").read()
    for lang in ("en", "zh-hans"):
        pdf = client.get(f"/api/assessments/{assessment.pk}/report.pdf?lang={lang}")
        assert pdf.status_code == 200 and pdf.content == stored, lang
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/assessments/{assessment.pk}/report/")
    assert page.status_code == 200 and "李某诉刘某" in page.content.decode()


def test_a_build_makes_just_the_languages_chosen_by_default_the_submitters(
    client, assessment, user, django_capture_on_commit_callbacks
):
    client.force_login(user)
    client.cookies["django_language"] = "zh-hans"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/{assessment.pk}/", {"action": "submit"})
    assert response.status_code == 302
    report = Report.objects.get(assessment=assessment)
    assert report.languages == ["zh"] and report.html_zh and not report.html
    assessment.refresh_from_db()
    assert assessment.report_languages == ["zh"]
    # Both chosen: a new report (the languages are part of what it depends on).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/assessments/{assessment.pk}/", {"action": "submit", "report_languages": "both"}
        )
    latest = Report.objects.filter(assessment=assessment).first()
    assert latest.pk != report.pk and latest.languages == ["en", "zh"]
    assert latest.bilingual and latest.html and not latest.html_zh


def test_the_api_chooses_report_languages_and_refuses_others(client, assessment, user):
    client.force_login(user)
    url = f"/api/assessments/{assessment.pk}/"
    good = client.patch(
        url, json.dumps({"report_languages": ["zh", "en"]}), content_type="application/json"
    )
    assert good.status_code == 200 and good.json()["report_languages"] == ["en", "zh"]
    bad = client.patch(
        url, json.dumps({"report_languages": ["fr"]}), content_type="application/json"
    )
    assert bad.status_code == 400

"""End to end against PostgreSQL, Redis and a real Celery worker started by the test."""

import os
import shutil
import subprocess
import sys
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from aigc_copyright.celery import app as celery_app
from assessments import services
from assessments.models import Report
from cases.services import caselaw_load, library_read

ROOT = Path(__file__).resolve().parents[2]
INFOTEXT = (
    b"portrait of a young woman, long black hair, standing by a window, golden hour, close-up\n"
    b"Negative prompt: blurry\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"
)


@pytest.fixture
def worker(tmp_path, settings):
    """A real worker on a queue of its own, against the test database."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(tmp_path),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "aigc_copyright",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    old = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield process
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = old
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def wait_for(report_id: int, timeout: float = 90) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report = Report.objects.get(pk=report_id)
        if report.status in ("done", "failed"):
            return report
        time.sleep(0.3)
    raise AssertionError(f"report {report_id} still {Report.objects.get(pk=report_id).status}")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_builds_the_report(worker, django_user_model, samples, pdf_renderer):
    assert connection.vendor == "postgresql"
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator1", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Worker test")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    sample = samples / "comfyui/comfyexamples_inpaint_example.png"
    services.creation_log_attach(assessment=assessment, name=sample.name, data=sample.read_bytes())
    report, created = services.assessment_submit(assessment=assessment)
    assert created
    report = wait_for(report.pk)
    output = b""
    if report.status != "done":
        worker.terminate()
        output = worker.communicate(timeout=15)[0]
    assert report.status == "done", (report.error, output.decode(errors="replace")[-2000:])
    assert report.result["evidence_record"]["root"]
    assert len(report.result["evidence_record"]["files"]) == 2
    assert report.html and report.attempts == 1
    assessment.refresh_from_db()
    assert assessment.status == "done"
    # The same submission again: the existing report, no second build.
    again, created = services.assessment_submit(assessment=assessment)
    assert (again.pk, created) == (report.pk, False)
    # Fetch the JSON and the PDF as a client would; the PDF names the cited decisions.
    client = Client()
    client.force_login(user)
    body = client.get(f"/api/assessments/{assessment.pk}/report/").json()
    assert body["jurisdictions"]["CN"]["findings"]
    pdf = client.get(f"/api/assessments/{assessment.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout
        assert b"cn-bic-li-v-liu-2023" in text.replace(b"\n", b"")


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_report_left_running_by_a_killed_worker_is_built_once(worker, django_user_model):
    """A worker killed mid-build leaves the report running and its message acknowledged nowhere;
    the sweeper gives it back and a live worker builds it, once."""
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator2", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Killed worker")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    report, _ = services.assessment_submit(assessment=assessment)
    report = wait_for(report.pk)
    assert report.status == "done"
    # Simulate the kill: the same report claimed by a worker that died an hour ago.
    Report.objects.filter(pk=report.pk).update(
        status="running", result=None, started_at=timezone.now() - timedelta(hours=1)
    )
    swept = services.reports_sweep(pending_after=timedelta(0), running_after=timedelta(minutes=5))
    assert swept == 1
    report = wait_for(report.pk)
    assert report.status == "done" and report.attempts == 2 and report.result
    assert Report.objects.filter(assessment=assessment).count() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_the_same_submission_twice_at_once_gives_one_report(django_user_model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator3", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Twice")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    results: list[tuple[int, bool]] = []
    barrier = threading.Barrier(2)

    def submit() -> None:
        barrier.wait()
        try:
            report, created = services.assessment_submit(assessment=assessment)
            results.append((report.pk, created))
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(results) == 2
    assert len({pk for pk, _ in results}) == 1
    assert sorted(created for _, created in results) == [False, True]
    assert Report.objects.filter(assessment=assessment).count() == 1

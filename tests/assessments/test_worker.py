"""End to end against PostgreSQL, Redis and a real Celery worker started by the test."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

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
def test_a_real_worker_builds_the_report(worker, django_user_model, samples):
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

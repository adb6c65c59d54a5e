"""End to end against PostgreSQL, Redis and a real Celery worker started by the test."""

import json
import os
import shutil
import signal
import subprocess
import threading
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from aigc_copyright.celery import app as celery_app
from assessments import services
from assessments.models import Report
from cases.services import caselaw_load, library_read
from tests.workers import WORKER

ROOT = Path(__file__).resolve().parents[2]
INFOTEXT = (
    b"portrait of a young woman, long black hair, standing by a window, golden hour, close-up\n"
    b"Negative prompt: blurry\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"
)


@pytest.fixture
def start_worker(tmp_path, settings):
    """Start real workers on a queue of their own, against the test database; all are stopped at
    the end. Extra environment variables (``CONN_MAX_AGE`` and the like) go to the worker."""
    queue = f"test-{uuid.uuid4().hex[:8]}"
    settings.MEDIA_ROOT = tmp_path
    db = connection.settings_dict
    base_env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(tmp_path),
    }
    processes: list[subprocess.Popen[bytes]] = []

    def start(**extra_env: str) -> subprocess.Popen[bytes]:
        process = subprocess.Popen(
            [*WORKER, "-Q", queue],
            cwd=ROOT,
            env={**base_env, **extra_env},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    old = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    yield start
    celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = old
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def worker(start_worker):
    return start_worker()


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
        assert b"Jing 0491 Min Chu No. 11279" in text.replace(b"\n", b" ")


def _long_log(steps: int) -> bytes:
    """A creation log long enough that building its report takes a few seconds."""
    return json.dumps(
        {
            "format": "aigc-creation-log/1",
            "tool": "Stable Diffusion",
            "steps": [
                {
                    "at": f"2024-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                    "action": "img2img" if i % 3 else "generate",
                    "prompt": f"portrait of a woman in a red coat, variant {i}, rim light",
                    "negative_prompt": "blurry, lowres",
                    "params": {"seed": 1000 + i, "steps": 30, "cfg_scale": 7.0},
                }
                for i in range(steps)
            ],
        }
    ).encode()


def _wait_status(report_id: int, status: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while Report.objects.get(pk=report_id).status != status:
        if time.monotonic() > deadline:
            raise AssertionError(f"report {report_id} never became {status}")
        time.sleep(0.02)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_build_leaves_the_report_to_another_worker_once(
    start_worker, django_user_model
):
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator2", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Killed worker")
    services.creation_log_attach(assessment=assessment, name="long.json", data=_long_log(40_000))
    first = start_worker()
    report, _ = services.assessment_submit(assessment=assessment)
    _wait_status(report.pk, "running", timeout=60)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    report.refresh_from_db()
    assert report.status == "running", "the build ended before the kill; make the log longer"
    assert report.attempts == 1

    start_worker()
    # The sweeper (beat, every minute) finds the report running past its deadline.
    assert services.reports_sweep(pending_after=timedelta(0), running_after=timedelta(0)) == 1
    report = wait_for(report.pk, timeout=180)
    assert report.status == "done", report.error
    assert report.attempts == 2 and report.result and report.html
    assert Report.objects.filter(assessment=assessment).count() == 1
    assessment.refresh_from_db()
    assert assessment.status == "done"
    # The killed worker's message, redelivered late, builds nothing more.
    services.report_build(report_id=report.pk)
    assert Report.objects.get(pk=report.pk).attempts == 2


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_superseded_build_cannot_overwrite_its_successor(django_user_model, settings, tmp_path):
    """A worker presumed dead (claim taken over by the sweeper) that finishes after all discards
    its result instead of overwriting the report its successor built."""
    settings.MEDIA_ROOT = tmp_path
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator5", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Superseded")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    report, _ = services.assessment_submit(assessment=assessment)  # eager: built, attempt 1
    Report.objects.filter(pk=report.pk).update(status="pending", result=None, html="")
    attempt = services._claim(report.pk)
    assert attempt == 2
    # The sweeper hands the report to a successor, which claims attempt 3 and finishes.
    Report.objects.filter(pk=report.pk).update(status="pending")
    services.report_build(report_id=report.pk)
    done = Report.objects.get(pk=report.pk)
    assert (done.status, done.attempts) == ("done", 3)
    # Attempt 2 holds nothing any more: failing it changes nothing.
    services.report_fail(report_id=report.pk, message="late", attempt=attempt)
    assert Report.objects.get(pk=report.pk).status == "done"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_redis_unreachable_at_submit_loses_nothing(start_worker, django_user_model):
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator6", password="a-long-pass-123")
    assessment = services.assessment_create(owner=user, title="Broker down")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    client = Client()
    client.force_login(user)
    broker = celery_app.conf.broker_url
    # Nothing listens on port 1: every connection to the broker is refused.
    celery_app.close()
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    celery_app.amqp._producer_pool = None  # producers are pooled per URL; the test changes it
    try:
        started = time.monotonic()
        response = client.post(f"/api/assessments/{assessment.pk}/submit/")
        elapsed = time.monotonic() - started
    finally:
        celery_app.close()
        celery_app.conf.broker_url = broker
        celery_app.amqp._producer_pool = None
    assert response.status_code == 202, response.content
    assert elapsed < 2, f"submit took {elapsed:.1f} s with the broker down"
    report = Report.objects.get(assessment=assessment)
    assert report.status == "pending" and response.json()["status"] == "pending"

    # Redis is back: the sweeper sends the report again and a worker builds it.
    start_worker()
    assert services.reports_sweep(pending_after=timedelta(0), running_after=timedelta(hours=1)) == 1
    assert wait_for(report.pk).status == "done"
    assert Report.objects.filter(assessment=assessment).count() == 1


def _restart_postgres() -> str:
    """Restart the local PostgreSQL cluster only where ``ALLOW_SERVER_RESTART`` asks for it
    (``.ci/run`` sets it: CI started the server); elsewhere end every other connection to the
    test database, which is what a restart does to its clients, and leave the server alone.
    Returns which of the two happened."""
    clusters = Path("/etc/postgresql")
    local = connection.settings_dict["HOST"] in ("", "127.0.0.1", "localhost")
    allowed = os.environ.get("ALLOW_SERVER_RESTART") == "1"
    if (
        allowed
        and local
        and os.geteuid() == 0
        and shutil.which("pg_ctlcluster")
        and clusters.is_dir()
    ):
        version = sorted(clusters.iterdir(), key=lambda p: [int(x) for x in p.name.split(".")])[-1]
        connection.close()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", version.name, "main", "restart"],
            check=True,
            capture_output=True,
            timeout=120,
        )
        for _ in range(60):
            if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode == 0:
                return "restarted"
            time.sleep(0.5)
        raise AssertionError("PostgreSQL did not come back after the restart")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    return "connections ended"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_an_idle_worker_survives_a_database_restart(start_worker, django_user_model):
    """PostgreSQL restarted while a worker (persistent connections, as in production) waits:
    the next report is built by the same worker process."""
    caselaw_load(library=library_read())
    user = django_user_model.objects.create_user("creator7", password="a-long-pass-123")
    process = start_worker(CONN_MAX_AGE="600")
    assessments = []
    for title, seed in (("Before", b"7"), ("After", b"8")):
        assessment = services.assessment_create(owner=user, title=title)
        data = INFOTEXT.replace(b"Seed: 42", b"Seed: " + seed)
        services.creation_log_attach(assessment=assessment, name="a.txt", data=data)
        assessments.append(assessment)
    before, _ = services.assessment_submit(assessment=assessments[0])
    assert wait_for(before.pk).status == "done"

    what = _restart_postgres()

    after, _ = services.assessment_submit(assessment=assessments[1])
    report = wait_for(after.pk, timeout=120)
    assert report.status == "done", (what, report.error)
    assert process.poll() is None, f"the worker died ({what})"


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

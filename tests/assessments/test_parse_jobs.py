"""Files too large to read within a request are read by a worker, with their progress shown on the
page and in the API; the quick refusals still answer in the request."""

import json
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from assessments import services
from assessments.creation_logs import parse, reporting
from assessments.models import CreationLogFile, LogParseJob, Report
from tests.assessments.test_worker import start_worker  # noqa: F401 - the fixture

# Small enough that a log of a few thousand steps goes to a worker in these tests.
THRESHOLD = 50_000


def native(steps: int) -> bytes:
    return json.dumps(
        {
            "format": "aigc-creation-log/1",
            "tool": "Stable Diffusion",
            "steps": [
                {
                    "action": "generate",
                    "prompt": f"a lighthouse at dusk, pass {i}",
                    "params": {"seed": i, "steps": 30, "cfg_scale": 7, "width": 768},
                }
                for i in range(steps)
            ],
        }
    ).encode()


def upload(name: str, data: bytes) -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="application/json")}


@pytest.fixture
def small_budget(settings, tmp_path):
    settings.PARSE_IN_REQUEST_MAX_BYTES = THRESHOLD
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user("reader1", password="a-long-pass-123")


@pytest.fixture
def api(client, owner):
    client.force_login(owner)
    return client


def run_worker_job(job_id: str, capture) -> None:
    with capture(execute=True):
        services.log_parse_job_run(job_id=job_id)


def test_progress_is_told_while_a_native_log_is_read():
    told: list[tuple[int, int]] = []
    with reporting(lambda done, total: told.append((done, total))):
        log = parse(native(9_000), "big.json")
    assert len(log.steps) == 9_000
    assert [done for done, _ in told] == [2_000, 4_000, 6_000, 8_000]
    assert {total for _, total in told} == {9_000}
    # Outside the block nobody is told.
    parse(native(4_000), "big.json")
    assert len(told) == 4


@pytest.mark.django_db
def test_a_large_preview_is_read_by_a_worker_and_followed_to_its_answer(
    api, small_budget, django_user_model, django_capture_on_commit_callbacks
):
    data = native(3_000)
    assert len(data) > THRESHOLD
    with django_capture_on_commit_callbacks() as sent:
        response = api.post("/api/creation-logs/parse/", upload("big.json", data))
    assert response.status_code == 202, response.content
    body = response.json()
    assert response["Location"] == body["url"] == f"/api/creation-logs/jobs/{body['id']}/"
    assert (body["status"], body["progress"], body["result"]) == ("pending", 0, None)
    assert len(sent) == 1  # the read is sent to a worker once the upload is committed
    job = LogParseJob.objects.get(pk=body["id"])
    assert default_storage.exists(job.upload.name)
    stored_at = job.upload.name

    # The same bytes again while they are being read: the same job.
    again = api.post("/api/creation-logs/parse/", upload("big.json", data)).json()
    assert again["id"] == body["id"]

    run_worker_job(body["id"], django_capture_on_commit_callbacks)
    done = api.get(body["url"]).json()
    assert (done["status"], done["progress"], done["steps_read"]) == ("done", 100, 3_000)
    assert done["result"]["form"] == "summary"
    assert done["result"]["step_count"] == 3_000
    assert len(done["result"]["steps"]) == services.SUMMARY_STEPS
    assert done["result"]["steps"][0]["prompt"] == "a lighthouse at dusk, pass 0"
    assert not default_storage.exists(stored_at)  # the bytes are gone once read
    assert CreationLogFile.objects.count() == 0  # a preview stores no evidence

    stranger = django_user_model.objects.create_user("other1", password="a-long-pass-123")
    other = Client()
    other.force_login(stranger)
    assert other.get(body["url"]).status_code == 404


@pytest.mark.django_db
def test_full_form_is_kept_when_asked(api, small_budget, django_capture_on_commit_callbacks):
    body = api.post("/api/creation-logs/parse/?form=full", upload("big.json", native(2_000))).json()
    run_worker_job(body["id"], django_capture_on_commit_callbacks)
    result = api.get(body["url"]).json()["result"]
    assert len(result["steps"]) == 2_000
    assert "form" not in result


@pytest.mark.django_db
def test_a_file_that_can_never_be_read_is_refused_in_the_request(api, small_budget, settings):
    settings.PARSE_IN_REQUEST_MAX_BYTES = 10
    bomb = b'{"format": "aigc-creation-log/1", "steps": [' + b"{}," * 2_100_000 + b"{}]}"
    response = api.post("/api/creation-logs/parse/", upload("bomb.json", bomb))
    assert response.status_code == 422
    assert response.json()["error"] == "too_many_objects"
    bad = api.post("/api/creation-logs/parse/", upload("bad.json", b'{"a": "\xff' + b" " * 20))
    assert (bad.status_code, bad.json()["error"]) == (400, "invalid_utf8")
    assert LogParseJob.objects.count() == 0


@pytest.mark.django_db
def test_a_worker_that_cannot_read_the_file_says_why(
    api, small_budget, django_capture_on_commit_callbacks
):
    data = json.dumps([{"value": i} for i in range(8_000)]).encode()
    body = api.post("/api/creation-logs/parse/", upload("numbers.json", data)).json()
    run_worker_job(body["id"], django_capture_on_commit_callbacks)
    failed = api.get(body["url"]).json()
    assert failed["status"] == "failed"
    assert failed["error"] == "unsupported_format"
    assert "ComfyUI" in failed["detail"] or "creation log" in failed["detail"]
    page = api.get(f"/logs/jobs/{body['id']}/").content.decode()
    assert "Could not be read" in page
    assert failed["detail"].split(".")[0] in page


@pytest.mark.django_db
def test_a_large_attachment_is_read_then_attached_and_submit_waits_for_it(
    api, owner, small_budget, loaded_library, django_capture_on_commit_callbacks
):
    assessment = services.assessment_create(owner=owner, title="Lighthouse")
    data = native(3_000)
    response = api.post(f"/api/assessments/{assessment.pk}/logs/", upload("big.json", data))
    assert response.status_code == 202
    job_id = response.json()["id"]
    detail = api.get(f"/api/assessments/{assessment.pk}/").json()
    assert detail["logs"] == []
    assert [(f["id"], f["status"]) for f in detail["files_being_read"]] == [(job_id, "pending")]

    refused = api.post(f"/api/assessments/{assessment.pk}/submit/")
    assert (refused.status_code, refused.json()["error"]) == (409, "files_being_read")
    assert Report.objects.count() == 0
    page = api.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "big.json" in page and "Waiting for a worker" in page
    assert 'hx-trigger="every 2s"' in page

    run_worker_job(job_id, django_capture_on_commit_callbacks)
    job = api.get(f"/api/creation-logs/jobs/{job_id}/").json()
    assert job["status"] == "done" and job["log"]["name"] == "big.json"
    detail = api.get(f"/api/assessments/{assessment.pk}/").json()
    assert [f["name"] for f in detail["logs"]] == ["big.json"]
    assert detail["files_being_read"] == []
    attached = CreationLogFile.objects.get(assessment=assessment)
    assert len(attached.log["steps"]) == 3_000
    assert 'hx-trigger="every 2s"' not in api.get(f"/assessments/{assessment.pk}/").content.decode()

    # The same bytes again: already attached, answered at once, no second read.
    again = api.post(f"/api/assessments/{assessment.pk}/logs/", upload("big.json", data))
    assert (again.status_code, again.json()["created"]) == (200, False)
    assert LogParseJob.objects.count() == 1
    with django_capture_on_commit_callbacks():
        submitted = api.post(f"/api/assessments/{assessment.pk}/submit/")
    assert submitted.status_code == 202, submitted.content


@pytest.mark.django_db
def test_the_logs_page_sends_a_large_file_to_the_background(
    api, small_budget, django_capture_on_commit_callbacks
):
    small = b"a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512"
    files = [
        SimpleUploadedFile("big.json", native(3_000)),
        SimpleUploadedFile("small.txt", small),
    ]
    with django_capture_on_commit_callbacks():
        page = api.post("/logs/", {"files": files}).content.decode()
    job = LogParseJob.objects.get()
    assert f"/logs/jobs/{job.pk}/" in page
    assert "being read in the background" in page
    assert "a cat" in page  # the small file is read on the spot
    waiting = api.get(f"/logs/jobs/{job.pk}/").content.decode()
    assert "Waiting for a worker" in waiting and 'http-equiv="refresh"' in waiting
    run_worker_job(str(job.pk), django_capture_on_commit_callbacks)
    shown = api.get(f"/logs/jobs/{job.pk}/").content.decode()
    assert "The first 200 of 3,000 steps are shown." in shown
    assert "a lighthouse at dusk, pass 199" in shown
    assert "pass 200<" not in shown and 'http-equiv="refresh"' not in shown


@pytest.mark.django_db
def test_the_sweeper_resends_a_read_whose_worker_fell_silent(
    api, small_budget, django_capture_on_commit_callbacks, monkeypatch
):
    body = api.post("/api/creation-logs/parse/", upload("big.json", native(2_000))).json()
    resent: list[str] = []
    monkeypatch.setattr(services, "log_parse_job_enqueue", lambda job_id: resent.append(job_id))
    job = LogParseJob.objects.get(pk=body["id"])
    long_ago = timezone.now() - timedelta(minutes=10)
    LogParseJob.objects.filter(pk=job.pk).update(
        status="running", attempts=1, started_at=long_ago, heartbeat_at=long_ago
    )
    sent = services.log_parse_jobs_sweep(
        pending_after=timedelta(seconds=0),
        silent_after=timedelta(seconds=45),
        keep_for=timedelta(hours=24),
    )
    assert (sent, resent) == (1, [body["id"]])
    assert LogParseJob.objects.get(pk=job.pk).status == "pending"
    run_worker_job(body["id"], django_capture_on_commit_callbacks)
    assert api.get(body["url"]).json()["status"] == "done"
    # A finished preview is forgotten after the keep period.
    services.log_parse_jobs_sweep(
        pending_after=timedelta(seconds=60),
        silent_after=timedelta(seconds=45),
        keep_for=timedelta(seconds=-1),
    )
    assert LogParseJob.objects.count() == 0


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_reads_a_large_log_with_progress(start_worker, owner, small_budget):  # noqa: F811
    start_worker()
    client = Client()
    client.force_login(owner)
    assessment = services.assessment_create(owner=owner, title="Real worker read")
    response = client.post(
        f"/api/assessments/{assessment.pk}/logs/", upload("big.json", native(30_000))
    )
    assert response.status_code == 202
    url = response["Location"]
    seen: list[tuple[str, int]] = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        job = client.get(url).json()
        seen.append((job["status"], job["progress"]))
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["status"] == "done", job
    assert CreationLogFile.objects.filter(assessment=assessment).count() == 1
    assert seen[-1] == ("done", 100)
    progress = [p for _, p in seen]
    assert progress == sorted(progress)  # never goes back
    assert list(Path(small_budget, "parse-jobs").iterdir()) == []  # the bytes are removed

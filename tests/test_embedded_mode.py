"""The embedded mode (no PostgreSQL, no Redis: what `make run` uses) builds reports in the
background too: the submit answers at once, a worker on kombu's filesystem broker builds the
report, and the page can show progress meanwhile."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.workers import WORKER

ROOT = Path(__file__).resolve().parents[1]

SUBMIT = """
import time
from accounts.roles import Role
from accounts.services import roles_ensure, user_create_with_role
from assessments import services
from django.db import transaction
roles_ensure()
user = user_create_with_role(username="embedded", password="a-long-pass-123", role=Role.LAWYER)
item = services.assessment_create(owner=user, title="Embedded")
services.creation_log_attach(assessment=item, name="a.txt", data=(
    b"portrait of a young woman, long black hair\\nNegative prompt: blurry\\n"
    b"Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 42, Size: 512x512, Model: sd15"))
services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN"]})
started = time.monotonic()
with transaction.atomic():
    report, _ = services.assessment_submit(assessment=item)
print("SUBMIT", round(time.monotonic() - started, 3), report.pk, report.status)
"""

STATE = """
from assessments.models import Report
print("STATE", Report.objects.get().status)
"""


def _env(tmp_path: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "CELERY_TASK_ALWAYS_EAGER"}
    }
    return {**env, "VAR_DIR": str(tmp_path), "DEBUG": "1"}


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_a_submit_answers_at_once_and_a_worker_on_the_filesystem_broker_builds_it(tmp_path):
    env = _env(tmp_path)
    _manage(env, "migrate", "-v0")
    _manage(env, "load_caselaw")
    line = next(
        out for out in _manage(env, "shell", "-c", SUBMIT).splitlines() if out.startswith("SUBMIT")
    )
    _, seconds, _, status = line.split()
    assert float(seconds) < 1 and status == "pending"
    assert any((tmp_path / "broker" / "queue").iterdir())  # the message waits for a worker
    worker = subprocess.Popen(
        WORKER,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120
        state = ""
        while time.monotonic() < deadline:
            state = _manage(env, "shell", "-c", STATE).strip().splitlines()[-1]
            if state in ("STATE done", "STATE failed"):
                break
            time.sleep(1)
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert state == "STATE done", output[-3000:]


@pytest.mark.parametrize("setting", ["CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"])
def test_the_embedded_settings_need_no_server(tmp_path, setting):
    out = _manage(
        _env(tmp_path),
        "shell",
        "-c",
        f"from django.conf import settings; print(settings.{setting})",
    )
    assert (
        out.strip().splitlines()[-1]
        == {"CELERY_BROKER_URL": "filesystem://localhost/", "CELERY_TASK_ALWAYS_EAGER": "False"}[
            setting
        ]
    )

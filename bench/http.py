"""HTTP under load: gunicorn with the production settings serving the case list, a case page and
a report's JSON, driven by wrk (Debian) at 64 connections for 30 s each, beside a trivial JSON
view on the same server. Target (issue 6): no errors, p99 under 250 ms. Needs PostgreSQL and wrk.
"""

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.common import database, production_env, save

ROOT = Path(__file__).resolve().parent.parent
DB = "aigc_bench_http"
PORT = 8765
DURATION = os.environ.get("BENCH_HTTP_SECONDS", "30")


def prepare(env: dict[str, str]) -> str:
    """Migrate, load the library, build one report; returns an API token of its owner."""
    script = (
        "from accounts.roles import Role; from accounts.services import user_create_with_role;"
        "from assessments import services; from cases.services import caselaw_load, library_read;"
        "from rest_framework.authtoken.models import Token;"
        "caselaw_load(library=library_read());"
        "u = user_create_with_role(username='loaduser', password='x'*20, role=Role.LAWYER);"
        "a = services.assessment_create(owner=u, title='load');"
        "services.creation_log_attach(assessment=a, name='a.txt',"
        " data=b'a cat\\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8');"
        "r, _ = services.assessment_submit(assessment=a); services.report_build(report_id=r.pk);"
        "print('TOKEN', Token.objects.create(user=u).key, 'ASSESSMENT', a.pk)"
    )
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"TOKEN (\w+) ASSESSMENT (\d+)", out)
    assert match, out
    return f"{match.group(1)}:{match.group(2)}"


def wrk(url: str, header: str | None = None) -> dict[str, float]:
    # Two seconds unmeasured first: each worker's first requests set up what the view needs.
    warm = ["wrk", "-t2", "-c64", "-d2s", url] + (["-H", header] if header else [])
    subprocess.run(warm, capture_output=True, check=True)
    args = ["wrk", "-t2", "-c64", f"-d{DURATION}s", "--latency", url]
    if header:
        args[1:1] = ["-H", header]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": rps,
        "p99_ms": round(float(p99.group(1)) * scale, 1),
        "errors": (int(errors.group(1)) if errors else 0)
        + (sum(int(g) for g in socket.groups()) if socket else 0),
    }


def main() -> None:
    if shutil.which("wrk") is None:
        print("HTTP benchmark skipped: wrk is not installed (apt-get install wrk)")
        return
    url = database(DB, fresh=True)
    env = production_env(
        url,
        ALLOWED_HOSTS="127.0.0.1",
        # Production settings include Redis (the cache of public library answers lives there).
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        CACHE_KEY_PREFIX="bench-http",
        CELERY_TASK_ALWAYS_EAGER="1",
        MEDIA_ROOT=str(ROOT / "var" / "bench-media"),
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    token, assessment = prepare(env).split(":")
    gunicorn = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "aigc_copyright.wsgi:application",
            "--config",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            os.environ.get("BENCH_HTTP_WORKERS", "4"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/api/health/", timeout=1)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        target = f"http://127.0.0.1:{PORT}"
        rows = {
            "trivial JSON (/api/health/)": wrk(f"{target}/api/health/"),
            "case list (/api/cases/)": wrk(f"{target}/api/cases/"),
            "case page (/cases/cn-bic-li-v-liu-2023/)": wrk(
                f"{target}/cases/cn-bic-li-v-liu-2023/"
            ),
            "report JSON": wrk(
                f"{target}/api/assessments/{assessment}/report/", f"Authorization: Token {token}"
            ),
        }
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
    workers = os.environ.get("BENCH_HTTP_WORKERS", "4")
    print(
        f"HTTP under load: gunicorn (gunicorn.conf.py, {workers} sync workers), wrk 64 "
        f"connections, {DURATION} s each; target no errors, p99 < 250 ms"
    )
    for name, row in rows.items():
        print(
            f"  {name:42} {row['rps']:>8} req/s  p99 {row['p99_ms']:>7} ms  errors {row['errors']}"
        )
    save("http", rows)


if __name__ == "__main__":
    main()

"""End-to-end report latency with PostgreSQL, Redis and one real worker: submit -> report done
(HTML and PDF), 50 submissions one after another and 50 at once; p50, p95 and reports per minute.
Beside it, the floor: a no-op Celery task's round trip plus WeasyPrint rendering the same report
HTML alone; the ratio of the two. Target (issue 6): p50 under 1.5 s, ratio under 1.3.
"""

import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.common import database, run_isolated, save

ROOT = Path(__file__).resolve().parent.parent
DB = "aigc_bench_reports"
RUNS = 50


def measure() -> dict[str, float]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from accounts.roles import Role
    from accounts.services import user_create_with_role
    from aigc_copyright.celery import app
    from assessments import services, tasks
    from assessments.models import Report
    from assessments.reports.render import render_pdf
    from cases.services import caselaw_load, library_read

    call_command("migrate", verbosity=0)
    caselaw_load(library=library_read())
    user = user_create_with_role(
        username=f"bench-{uuid.uuid4().hex[:6]}", password="x" * 20, role=Role.LAWYER
    )
    sample = ROOT.parent / "shared/samples/creation-logs/a1111/enslo_sd-webui.png"
    data = (
        sample.read_bytes()
        if sample.exists()
        else b"a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8"
    )

    def one(n: int) -> float:
        assessment = services.assessment_create(owner=user, title=f"bench {n}")
        services.creation_log_attach(
            assessment=assessment, name=f"{n}.png", data=data + str(n).encode()
        )
        start = time.perf_counter()
        report, _ = services.assessment_submit(assessment=assessment)
        while Report.objects.filter(pk=report.pk, status__in=["pending", "running"]).exists():
            time.sleep(0.01)
        elapsed = time.perf_counter() - start
        connection.close()
        return elapsed

    sequential = [one(n) for n in range(RUNS)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=RUNS) as pool:
        concurrent = list(pool.map(one, range(RUNS, 2 * RUNS)))
    wall = time.perf_counter() - started
    done = Report.objects.filter(status="done").latest("finished_at")
    noops = []
    for _ in range(20):
        start = time.perf_counter()
        tasks.noop.delay().get(timeout=30)
        noops.append(time.perf_counter() - start)
    pdf_times = []
    for _ in range(5):
        start = time.perf_counter()
        render_pdf(done.html)
        pdf_times.append(time.perf_counter() - start)
    floor = statistics.median(noops) + statistics.median(pdf_times)
    p = lambda xs, q: statistics.quantiles(xs, n=100)[q - 1]  # noqa: E731
    _ = app
    return {
        "sequential_p50_s": round(p(sequential, 50), 3),
        "sequential_p95_s": round(p(sequential, 95), 3),
        "concurrent_p50_s": round(p(concurrent, 50), 3),
        "concurrent_p95_s": round(p(concurrent, 95), 3),
        "reports_per_minute": round(RUNS / wall * 60, 1),
        "floor_s": round(floor, 3),
        "noop_round_trip_s": round(statistics.median(noops), 4),
        "pdf_render_s": round(statistics.median(pdf_times), 3),
        "ratio_p50_to_floor": round(p(sequential, 50) / floor, 2),
    }


def main() -> None:
    if "--one" in sys.argv:
        print(json.dumps(measure()))
        return
    url = database(DB, fresh=True)
    queue = f"bench-{uuid.uuid4().hex[:6]}"
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "aigc_copyright.settings",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "CELERY_QUEUE": queue,
        "MEDIA_ROOT": str(ROOT / "var" / "bench-media"),
        "LOG_LEVEL": "WARNING",
        "CONN_MAX_AGE": "60",
    }
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "aigc_copyright",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--loglevel=WARNING",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        figures = run_isolated("bench.reports", "--one", env=env, timeout=1800)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    print("Report latency, one worker: target p50 < 1.5 s, ratio to the floor < 1.3")
    print(
        f"  one after another: p50 {figures['sequential_p50_s']} s, p95 {figures['sequential_p95_s']} s"
    )
    print(
        f"  50 at once: p50 {figures['concurrent_p50_s']} s, p95 {figures['concurrent_p95_s']} s, "
        f"{figures['reports_per_minute']} reports/min"
    )
    print(
        f"  floor: no-op round trip {figures['noop_round_trip_s']} s + PDF render {figures['pdf_render_s']} s "
        f"= {figures['floor_s']} s; ratio x{figures['ratio_p50_to_floor']}"
    )
    save("reports", figures)


if __name__ == "__main__":
    main()

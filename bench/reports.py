"""End-to-end report latency with PostgreSQL, Redis and one real worker: submit -> report done
(HTML and PDF), in one language (50 submissions one after another and 50 at once; p50, p95 and
reports per minute) and as one bilingual document (20 one after another). Beside each, the floor:
a no-op Celery task's round trip plus rendering the same document alone (its HTML and its PDF);
the ratio of the two. Targets: p50 under 1.5 s in one language, ratio under 1.3 for both.
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
BILINGUAL_RUNS = 20


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
    from assessments.reports.render import BILINGUAL, render_html, render_pdf
    from assessments.rules import Result
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

    def one(n: int, languages: tuple[str, ...] = ("en",)) -> float:
        assessment = services.assessment_create(owner=user, title=f"bench {n}")
        services.assessment_languages_update(assessment=assessment, languages=list(languages))
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
    bilingual = [one(n, ("en", "zh")) for n in range(2 * RUNS, 2 * RUNS + BILINGUAL_RUNS)]
    without_pdf = Report.objects.filter(status="done", pdf="", pdf_zh="").count()
    if without_pdf:
        raise SystemExit(f"{without_pdf} reports were built without their PDF: not measured")
    noops = []
    for _ in range(20):
        start = time.perf_counter()
        tasks.noop.delay().get(timeout=30)
        noops.append(time.perf_counter() - start)

    def rendering(bilingual: bool) -> float:
        """The same document rendered alone, as the worker renders it (its HTML, then its PDF
        from the HTML with the public links)."""
        done = Report.objects.filter(status="done", bilingual=bilingual).latest("finished_at")
        result = Result.model_validate(done.result)
        language = BILINGUAL if bilingual else "en"
        times = []
        for _ in range(5):
            start = time.perf_counter()
            render_html(result, language=language, title=done.assessment.title)
            render_pdf(
                render_html(
                    result,
                    language=language,
                    title=done.assessment.title,
                    case_url="https://example.org/cases/{slug}/",
                    for_pdf=True,
                )
            )
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    noop = statistics.median(noops)
    render_one, render_both = rendering(False), rendering(True)
    floor, floor_both = noop + render_one, noop + render_both
    p = lambda xs, q: statistics.quantiles(xs, n=100)[q - 1]  # noqa: E731
    _ = app
    return {
        "sequential_p50_s": round(p(sequential, 50), 3),
        "sequential_p95_s": round(p(sequential, 95), 3),
        "concurrent_p50_s": round(p(concurrent, 50), 3),
        "concurrent_p95_s": round(p(concurrent, 95), 3),
        "reports_per_minute": round(RUNS / wall * 60, 1),
        "floor_s": round(floor, 3),
        "noop_round_trip_s": round(noop, 4),
        "pdf_render_s": round(render_one, 3),
        "ratio_p50_to_floor": round(p(sequential, 50) / floor, 2),
        "bilingual_p50_s": round(p(bilingual, 50), 3),
        "bilingual_p95_s": round(p(bilingual, 95), 3),
        "bilingual_render_s": round(render_both, 3),
        "bilingual_floor_s": round(floor_both, 3),
        "bilingual_ratio_p50_to_floor": round(p(bilingual, 50) / floor_both, 2),
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
        # The PDF's links need a public address; without one the worker stores no PDF.
        "PUBLIC_URL": "https://bench.example.org",
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
    print(
        "Report latency, one worker: target p50 < 1.5 s in one language, ratio to the floor < 1.3"
    )
    print(
        f"  one after another: p50 {figures['sequential_p50_s']} s, p95 {figures['sequential_p95_s']} s"
    )
    print(
        f"  50 at once: p50 {figures['concurrent_p50_s']} s, p95 {figures['concurrent_p95_s']} s, "
        f"{figures['reports_per_minute']} reports/min"
    )
    print(
        f"  floor: no-op round trip {figures['noop_round_trip_s']} s + rendering {figures['pdf_render_s']} s "
        f"= {figures['floor_s']} s; ratio x{figures['ratio_p50_to_floor']}"
    )
    print(
        f"  bilingual, one after another: p50 {figures['bilingual_p50_s']} s, "
        f"p95 {figures['bilingual_p95_s']} s; floor {figures['bilingual_floor_s']} s "
        f"(rendering {figures['bilingual_render_s']} s); ratio x{figures['bilingual_ratio_p50_to_floor']}"
    )
    save("reports", figures)


if __name__ == "__main__":
    main()

"""Case search benchmark: 100,000 generated decisions (mixed English and Chinese text) in
PostgreSQL; p50 and p95 of GET /api/cases/?q=… for a dozen queries, in-process, beside a
primary-key lookup (GET /api/cases/{slug}/) in the same run.

Target (issue 6): p95 under 30 ms and under 3 times the lookup. Needs PostgreSQL (DATABASE_URL
or 127.0.0.1:5432 user postgres); it uses a database of its own, ``aigc_bench_search``, made
afresh unless ``--reuse`` is given (``python -m bench.search --reuse`` skips the two-minute fill).
"""

import datetime
import json
import random
import statistics
import sys
import time

from bench.common import database, production_env, run_isolated, save

DB = "aigc_bench_search"
SIZE = 100_000
QUERIES = [
    "Stable Diffusion",
    "奥特曼",
    "11279",
    "Midjourney",
    "prompts",
    "human authorship",
    "LoRA",
    "著作权",
    "inpainting",
    "Photoshop",
    "Beijing Internet Court",
    "提示词",
]
EN = [
    "court",
    "image",
    "prompt",
    "model",
    "author",
    "copyright",
    "registration",
    "inpainting",
    "photograph",
    "style",
    "character",
    "liability",
    "platform",
    "training",
    "output",
    "selection",
]
ZH = [
    "法院",
    "图片",
    "提示词",
    "模型",
    "作者",
    "著作权",
    "登记",
    "局部重绘",
    "照片",
    "风格",
    "角色",
    "责任",
    "平台",
    "训练",
    "输出",
    "选择",
]


def populate() -> None:
    from django.utils import timezone

    from cases.db import cjk_terms
    from cases.models import Case
    from cases.search import document_for
    from cases.services import caselaw_load, library_read

    caselaw_load(library=library_read())
    rng = random.Random(42)
    existing = Case.objects.count()
    batch = []
    now = timezone.now()
    for n in range(existing, SIZE):
        words = " ".join(rng.choice(EN) for _ in range(40))
        chars = "".join(rng.choice(ZH) for _ in range(30))
        case = Case(
            slug=f"gen-{n}",
            short_name=f"Generated {n}",
            title_en=f"Generated decision {n} on {rng.choice(EN)}",
            title_zh=f"生成的裁判 {n}：{rng.choice(ZH)}",
            jurisdiction=rng.choice(["CN", "US", "UK", "EU"]),
            tribunal="Generated Court",
            decision_date=datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randrange(9500)),
            docket=f"({2000 + n % 25}) Gen {n}",
            issue="copyrightability",
            outcome=rng.choice(["granted", "denied", "partial"]),
            holding_en=words,
            holding_zh=chars,
            summary_en=words,
            summary_zh=chars,
            verification="verified",
            status="published",
            published_at=now,
        )
        case.search_text = document_for(case)
        case.search_cjk = cjk_terms(case.search_text)
        batch.append(case)
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    if batch:
        Case.objects.bulk_create(batch)


def measure() -> dict[str, object]:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    populate()
    with connection.cursor() as cursor:
        # What autovacuum does to a loaded table: statistics and the visibility map (which lets
        # counts read the index alone).
        cursor.execute("VACUUM ANALYZE cases_case")
    client = Client()

    def timed(url: str, params: dict[str, str] | None = None) -> float:
        start = time.perf_counter()
        response = client.get(url, params or {})
        elapsed = time.perf_counter() - start
        assert response.status_code == 200, (url, params, response.status_code)
        return elapsed * 1000

    for q in QUERIES:  # warm the caches and the plans
        timed("/api/cases/", {"q": q})
    per_query = {q: [timed("/api/cases/", {"q": q}) for _ in range(5)] for q in QUERIES}
    search = [t for times in per_query.values() for t in times]
    lookup = [timed("/api/cases/cn-bic-li-v-liu-2023/") for _ in range(120)]
    p = lambda xs, q: statistics.quantiles(xs, n=100)[q - 1]  # noqa: E731
    return {
        "cases": SIZE,
        "search_p50_ms": round(p(search, 50), 1),
        "search_p95_ms": round(p(search, 95), 1),
        "lookup_p50_ms": round(p(lookup, 50), 1),
        "lookup_p95_ms": round(p(lookup, 95), 1),
        "ratio_p95": round(p(search, 95) / p(lookup, 95), 2),
        "per_query_median_ms": {q: round(statistics.median(t), 1) for q, t in per_query.items()},
    }


def main() -> None:
    if "--one" in sys.argv:
        print(json.dumps(measure()))
        return
    env = production_env(database(DB, fresh="--reuse" not in sys.argv))
    figures = run_isolated("bench.search", "--one", env=env, timeout=1800)
    print("Case search, 100k decisions in PostgreSQL: target p95 < 30 ms and < 3x a lookup")
    print(
        f"  search p50 {figures['search_p50_ms']} ms, p95 {figures['search_p95_ms']} ms; "
        f"lookup p50 {figures['lookup_p50_ms']} ms, p95 {figures['lookup_p95_ms']} ms; "
        f"ratio (p95) x{figures['ratio_p95']}"
    )
    for q, ms in figures["per_query_median_ms"].items():
        print(f"    {q!r}: {ms} ms")
    if figures["search_p95_ms"] >= 30:
        print(
            "  p95 target missed. What limits it: a query matching most rows ranks 200 of them\n"
            "  (about 10 ms) after an index scan; the rest is the Django and DRF cost that the\n"
            "  lookup pays as well (see the ratio)."
        )
    save("search", figures)


if __name__ == "__main__":
    main()

"""Rules benchmark: evidence extraction plus all four rulesets on 1,000 / 10,000 / 100,000 steps.

The logs are built in memory (parsing is measured by bench/ingestion.py); each size runs in a
fresh interpreter. Target (issue 4): 100k steps under 1 s on one core, linear growth.
"""

import argparse
import json
import time
from pathlib import Path

from bench.common import peak_rss_bytes, run_isolated, save

LIBRARY = Path(__file__).resolve().parent.parent / "cases" / "fixtures" / "caselaw.json"
WORDS = [
    "portrait of a woman",
    "red coat",
    "standing",
    "close-up",
    "rim light",
    "oil painting",
    "35mm",
    "garden background",
    "looking back",
    "snow",
    "golden hour",
    "pastel colours",
]


def build_log(steps: int):  # noqa: ANN201 - a CreationLog, imported lazily
    from assessments.creation_logs.schema import CreationLog, Lora, Output, Params, Step

    actions = ["generate", "img2img", "inpaint", "select", "edit"]
    return CreationLog(
        tool="Stable Diffusion",
        steps=[
            Step(
                action=actions[i % 5],  # type: ignore[arg-type]
                model="chilloutmix",
                prompt=", ".join(WORDS[: 3 + i % 9]) + f", take {i}",
                negative_prompt="blurry, lowres",
                params=Params(
                    seed=i % 97,
                    steps=20 + i % 10,
                    cfg_scale=7.0,
                    sampler="Euler a",
                    width=1024,
                    height=1024,
                    loras=[Lora(name="film", weight=0.6)],
                ),
                outputs=[Output(name=f"out-{i}.png")],
            )
            for i in range(steps)
        ],
    )


def rulesets_of_fixture():  # noqa: ANN201 - rulesets by jurisdiction, imported lazily
    """The four rulesets, their citations checked against the library fixture (no database)."""
    from assessments.rules import load_rulesets
    from cases.library import Library

    library = Library.model_validate_json(LIBRARY.read_bytes())
    statuses = {c.slug: c.proceeding_status for c in library.cases}
    return load_rulesets(("CN", "US", "EU", "UK"), statuses)


def measure(size: int) -> dict[str, float]:
    from assessments.rules import Intake, assess, extract_evidence

    rulesets = rulesets_of_fixture()
    log = build_log(size)
    intake = Intake(jurisdictions=["CN", "US", "EU", "UK"])
    baseline = peak_rss_bytes()
    timings = []
    from assessments.rules import vocabulary

    for _ in range(3):
        vocabulary.clear_caches()  # each run reads every prompt afresh
        start = time.perf_counter()
        evidence = extract_evidence(intake, [log])
        results = [assess(evidence, rulesets[code]) for code in ("CN", "US", "EU", "UK")]
        timings.append(time.perf_counter() - start)
    return {
        "steps": size,
        "seconds": round(min(timings), 3),
        "extra_peak_mb": round(max(0, peak_rss_bytes() - baseline) / 1e6, 1),
        "verdicts": ",".join(r.verdict for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=int)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = [run_isolated("bench.rules", "--one", str(n)) for n in (1_000, 10_000, 100_000)]
    print("Evidence + four rulesets: target 100k steps < 1 s, linear growth")
    for r in rows:
        print(
            f"  {r['steps']:>7} steps  {r['seconds']:>7} s  +{r['extra_peak_mb']} MB  {r['verdicts']}"
        )
    growth = rows[2]["seconds"] / max(rows[1]["seconds"], 1e-9)
    print(f"  growth 10k -> 100k: x{growth:.1f} (x10 is linear)")
    save("rules", {"rows": rows, "growth_10k_to_100k": round(growth, 2)})


if __name__ == "__main__":
    main()

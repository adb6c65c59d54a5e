"""The same input gives the same bytes in every process: no set or dict order that depends on
the interpreter's hash seed leaks into a result (reports are keyed and compared by their bytes)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json
from pathlib import Path
from assessments.creation_logs import parse
from assessments.rules import CaseProfile, Intake, LexiconEntry, Screen, assess_all, extract_evidence, load_rulesets

library = json.loads(Path("cases/fixtures/caselaw.json").read_text(encoding="utf-8"))
statuses = {c["slug"]: c["proceeding_status"] for c in library["cases"]}
rulesets = load_rulesets(("CN", "US", "EU", "UK"), statuses)
screen = Screen([
    LexiconEntry(name=w["name"], aliases_en=tuple(w["aliases_en"]), aliases_zh=tuple(w["aliases_zh"]),
                 kind=w["kind"], case=w["case"])
    for w in library["protected_works"]
])
profiles = [
    CaseProfile(slug=c["slug"], jurisdiction=c["jurisdiction"], outcome=c["outcome"],
                treatments={f["code"]: 1.0 if f["treatment"] == "supports_protection" else 0.0
                            for f in c["factors"] if f["treatment"] in ("supports_protection", "against_protection")})
    for c in library["cases"] if c["issue"] == "copyrightability"
]
texts = [
    "ultraman fighting a kaiju, 奥特曼, city at night, neon, rain, low angle, 35mm film\nNegative prompt: blurry, lowres\nSteps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6.5, Seed: 1, Size: 768x512, Model: sdxl",
    "ultraman fighting a kaiju, city at dusk, neon, rain, low angle, 35mm film, red and silver\nNegative prompt: blurry\nSteps: 30, Sampler: Euler a, CFG scale: 7, Seed: 2, Size: 768x512, Model: sdxl, Lora hashes: \"pikachu_style: abc123\"",
]
logs = [parse(t.encode(), f"step{i}.txt") for i, t in enumerate(texts)]
intake = Intake.model_validate({"jurisdictions": ["CN", "US", "EU", "UK"], "claimed_author": {"name": "Li", "kind": "natural_person"}})
evidence = extract_evidence(intake, logs)
files = [f for log in logs for f in log.files]
result = assess_all(evidence, rulesets, screen=screen, profiles=profiles, files=files)
print(result.model_dump_json(by_alias=True))
"""


def _run(seed: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return done.stdout


def test_results_are_byte_identical_across_hash_seeds():
    first, second, third = _run("1"), _run("2"), _run("12345")
    assert b'"jurisdictions"' in first and b"Ultraman" in first
    assert first == second == third

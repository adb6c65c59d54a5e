"""Law is data: the rules' Python cites no decision of its own; every citation the engine can
produce comes from a ruleset file, where it stands with its basis."""

import json
import re
from pathlib import Path

RULES = Path(__file__).resolve().parents[2] / "assessments" / "rules"
LIBRARY = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json"


def test_no_slug_of_the_library_is_written_in_the_rules_python():
    cases = json.loads(LIBRARY.read_text(encoding="utf-8"))["cases"]
    slugs = {c["slug"] for c in cases} | {s for c in cases for s in c["former_slugs"]}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(slugs))) + r")(?![\w-])")
    found = [
        f"{path.relative_to(RULES)}:{n}: {m.group(0)}"
        for path in sorted(RULES.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for m in pattern.finditer(line)
    ]
    assert found == []


def test_every_rule_with_a_value_or_text_has_its_basis():
    for path in sorted((RULES / "rulesets").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for name, rule in data["rules"].items():
            assert len(rule["basis"]) >= 10, f"{path.name}: rule {name}"
            assert rule["citations"], f"{path.name}: rule {name}"

"""A citation supports what it is cited for.

- A factor shown and counting cites only decisions with a record of that factor that supports
  protection: a decision never stands for a support it did not give.
- A factor not shown cites decisions that decided that factor, either way: the denial that turned
  on it, or the grant that shows what is missing (an absence is not a holding against).
- A factor a jurisdiction records without weight (its finding is neutral) cites decisions that
  treated it, either way.
- A statement resting on a decision by analogy (``by_analogy_to``) is checked against the factor
  it names, and says so in its text (the loader refuses it otherwise).
- A gate cites only decisions that decided the gate's factor.
"""

import json
from pathlib import Path

import pytest

from assessments.rules.ruleset import all_rulesets

LIBRARY = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json"
# The factor each gate or holding of the rulesets decides.
GATES = {
    "author_gate": "F14",
    "evidence_gate": "F10",
    "prompts_claimed": "F2",
    "weak_prompt": "F2",
    "prompts_only": "F2",
    "ai_material": "F2",
    "human_expression": "F14",
    "compilation": "F9",
    "no_choices_shown": "F10",
}


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, str]]:
    cases = json.loads(LIBRARY.read_text(encoding="utf-8"))["cases"]
    return {c["slug"]: {f["code"]: f["treatment"] for f in c["factors"]} for c in cases}


def _unsupported(records: dict[str, dict[str, str]]) -> list[str]:
    problems = []
    for ruleset in all_rulesets():
        for code, factor in ruleset.factors.items():
            for direction in ("supports", "against"):
                text = getattr(factor, direction)
                decided = text.by_analogy_to or code
                strict = direction == "supports" and factor.weight > 0
                for slug in text.citations:
                    treatment = records.get(slug, {}).get(decided)
                    ok = treatment == "supports_protection" if strict else treatment is not None
                    if not ok:
                        problems.append(f"{ruleset.id} {code} {direction}: {slug} ({treatment})")
        for name, code in GATES.items():
            if name in ruleset.rules:
                for slug in ruleset.rules[name].citations:
                    if code not in records.get(slug, {}):
                        problems.append(f"{ruleset.id} rule {name}: {slug} has no {code} record")
    return problems


def test_every_factor_citation_supports_its_statement(records):
    assert _unsupported(records) == []


def test_the_check_notices_a_citation_for_something_the_decision_did_not_decide(records):
    wrong = {slug: dict(codes) for slug, codes in records.items()}
    wrong["cn-bic-li-v-liu-2023"]["F2"] = "against_protection"  # as if Li v. Liu had denied it
    assert any("F2 supports: cn-bic-li-v-liu-2023" in p for p in _unsupported(wrong))
    wrong = {slug: dict(codes) for slug, codes in records.items()}
    del wrong["cn-huangpu-prompts-2025"]["F2"]  # as if Huangpu had not ruled on prompts
    assert any("F2 against: cn-huangpu-prompts-2025" in p for p in _unsupported(wrong))


# Rules that are not factor statements or gates, each with what its citations must hold: a
# factor record of the decision, or words of its holding.
HOLDINGS = {
    "label_removal": ("factor", "F12"),
    "kind_not_decided": ("factor", "F2"),
    "ownership_terms_contested": ("factor", "F11"),
    "strengthened_share": ("factor", "F8"),
    "refined_and_edited": ("factor", "F8"),
    "own_modifications": ("factor", "F8"),
    "assisting_instrument": ("holding", ("software", "free and creative choices", "assisting")),
    "ownership_operator_employee": ("holding", ("work made for hire", "employee")),
    "ownership_operator_commissioned": ("holding", ("commissioned",)),
}
SCREEN = {"flags": "F13", "style": "F13", "third_party_input": "F13", "described": "F13"}


def test_the_other_rules_cite_decisions_that_hold_what_they_say(records):
    from assessments.rules.ruleset import screen_rules

    cases = {c["slug"]: c for c in json.loads(LIBRARY.read_text(encoding="utf-8"))["cases"]}
    problems = []
    for ruleset in all_rulesets():
        for name, (kind, what) in HOLDINGS.items():
            rule = ruleset.rules.get(name)
            if rule is None:
                continue
            for slug in rule.citations:
                if kind == "factor" and what not in records.get(slug, {}):
                    problems.append(f"{ruleset.id} {name}: {slug} has no {what} record")
                if kind == "holding":
                    holding = cases[slug]["holding_en"].lower()
                    if not any(words in holding for words in what):
                        problems.append(f"{ruleset.id} {name}: {slug}'s holding does not say it")
    for name, code in SCREEN.items():
        for slug in screen_rules().rules[name].citations:
            if code not in records.get(slug, {}):
                problems.append(f"screen {name}: {slug} has no {code} record")
    assert problems == []

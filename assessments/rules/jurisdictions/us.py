"""United States. Human authorship is required (Thaler); material the AI generated is never
protectable, however detailed or iterated the prompts (Zarya, Théâtre, Part 2 Report). What
survives: region-level choices (American Cheese), perceptible own input, substantial human
modifications, and selection and arrangement (Zarya, Shupe)."""

from ..evidence import Evidence
from ..result import Filing
from ..ruleset import Ruleset
from .base import (
    Decision,
    assisted,
    author_gate,
    confidence,
    described,
    factor_findings,
    group,
    heuristic_denoise,
    ownership,
    ownership_rule,
    points,
    record_recommendation,
    rule_finding,
    score,
    shown,
    statement,
)


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    findings = factor_findings(ruleset, evidence)
    owner = ownership(evidence, ownership_rule(ruleset, evidence), ruleset=ruleset)
    human_elements = group(ruleset, "human")
    human, _ = points(ruleset, evidence, human_elements)
    recommendations = record_recommendation(ruleset, evidence) + [statement(rules["filing"])]
    decision = Decision(
        verdict="not_protectable",
        score=score(ruleset, human, 0.0),
        confidence=confidence(
            evidence,
            unknown_core=sum(1 for c in human_elements if evidence.factor(c).value is None),
        ),
        findings=findings,
        ownership=owner,
        recommendations=recommendations,
        heuristics=[heuristic_denoise(ruleset)],
        excluded=described(ruleset, "ai_material"),
    )
    if gate := author_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        decision.score = 0  # no human author: nothing of the human's to measure
        decision.confidence = "high"
        return decision
    if evidence.tool_assisted:
        # Registration Guidance 2023: the computer merely an assisting instrument.
        return assisted(decision, ruleset, evidence)
    decision.findings.insert(0, rule_finding(rules["ai_material"], "F2-F5", "against", []))
    elements = [code for code in human_elements if shown(ruleset, evidence, code)]
    if elements:
        decision.verdict = "partially_protectable"
        decision.protectable = described(ruleset, *elements)
        decision.filing = _filing(decision, ruleset)
    return decision


def _filing(decision: Decision, ruleset: Ruleset) -> Filing:
    created = "; ".join(en for en, _ in decision.protectable)
    limitation = ruleset.rules["claim_limitation"]
    return Filing(
        author_created=created[0].upper() + created[1:] + ".",
        material_excluded=ruleset.rules["material_excluded"].text.en,
        claim_limitation=limitation.text.en.format(created=created),
        citations=list(limitation.citations),
    )

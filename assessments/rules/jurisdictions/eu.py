"""European Union. Originality is the author's own intellectual creation, shown by free and
creative choices in the work (CJEU case law). The national decisions on AI output in the library
deny protection to prompting alone: a single prompt with no evidence beyond the claimant's word
(Prague 2023), many general, open-ended prompts (AG München 2026), an output whose human creative
influence was not proven (OLG Düsseldorf 2026)."""

from ..evidence import Evidence
from ..ruleset import Ruleset
from .base import (
    Decision,
    assisted,
    author_gate,
    confidence,
    described,
    evidence_gate,
    factor_findings,
    gated_score,
    group,
    heuristic_denoise,
    ownership,
    ownership_rule,
    points,
    record_recommendation,
    rule_finding,
    score,
    shown,
)


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    findings = factor_findings(ruleset, evidence)
    owner = ownership(evidence, ownership_rule(ruleset, evidence), ruleset=ruleset)
    human = group(ruleset, "human")
    earned, _ = points(ruleset, evidence, group(ruleset, "scored"))
    decision = Decision(
        verdict="uncertain",
        score=score(ruleset, earned, 0.0),
        confidence=confidence(
            evidence,
            unknown_core=sum(1 for c in human if evidence.factor(c).value is None),
        ),
        findings=findings,
        ownership=owner,
        recommendations=record_recommendation(ruleset, evidence),
        heuristics=[heuristic_denoise(ruleset)],
    )
    if gate := author_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        decision.verdict = "not_protectable"
        decision.score = 0  # no human author: nothing of the human's to measure
        return decision
    if gate := evidence_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        decision.verdict = "not_protectable" if evidence.dispute is True else "uncertain"
        decision.score = gated_score(ruleset, decision.score)
        decision.confidence = "medium" if decision.verdict == "not_protectable" else "low"
        return decision
    if evidence.tool_assisted:
        # Cassazione 2023; Painer 2011: the software carried out the author's own choices.
        return assisted(decision, ruleset, evidence)
    elements = [code for code in human if shown(ruleset, evidence, code)]
    if elements:
        decision.verdict = "partially_protectable"
        decision.protectable = described(ruleset, *elements)
        decision.excluded = described(ruleset, "ai_material")
    elif not evidence.specificity.known and not evidence.quality.steps:
        # Nothing recorded at all, not even a prompt: the claim rests on an account. Open, and
        # lost in a dispute, where the claimant must prove the human influence (OLG Duesseldorf).
        decision.findings.insert(0, rule_finding(rules["no_choices_shown"], "F10", "against", []))
        decision.verdict = "not_protectable" if evidence.dispute is True else "uncertain"
        decision.confidence = "low"
    else:
        decision.findings.insert(
            0,
            rule_finding(
                rules["prompts_only"],
                "F2",
                "against",
                [f.quote for f in evidence.specificity.facts[:1]],
            ),
        )
        strong_prompting = shown(ruleset, evidence, "F2") and shown(ruleset, evidence, "F4")
        decision.verdict = "uncertain" if strong_prompting else "not_protectable"
    return decision

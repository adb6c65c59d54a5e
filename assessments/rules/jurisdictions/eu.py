"""European Union. Originality is the author's own intellectual creation, shown by free and
creative choices in the work (CJEU case law); the only decision on AI output in the library,
Prague 2023, denied protection to a single prompt with no evidence beyond the claimant's word."""

from ..evidence import Evidence
from ..ruleset import Ruleset
from .base import (
    HUMAN_CONTRIBUTIONS,
    Decision,
    author_gate,
    confidence,
    evidence_gate,
    factor_findings,
    heuristic_denoise,
    ownership,
    ownership_rule,
    points,
    record_recommendation,
    rule_finding,
    shown,
)

ELEMENTS = {
    "F6": (
        "the regions of the picture the author chose and determined",
        "作者选择并决定的画面区域",
    ),
    "F7": (
        "the author's own expression that remains in the output",
        "保留在输出中的作者自己的表达",
    ),
    "F8": ("the author's modifications of the output", "作者对输出的修改"),
    "F9": ("the selection and arrangement of the outputs", "对输出的选择与编排"),
}


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    findings = factor_findings(ruleset, evidence)
    owner = ownership(evidence, ownership_rule(ruleset, evidence))
    earned, _ = points(ruleset, evidence, ("F2", "F4") + HUMAN_CONTRIBUTIONS)
    score = round(100 * min(1.0, earned / 85))
    decision = Decision(
        verdict="uncertain",
        score=score,
        confidence=confidence(
            evidence,
            unknown_core=sum(1 for c in HUMAN_CONTRIBUTIONS if evidence.factor(c).value is None),
        ),
        findings=findings,
        ownership=owner,
        recommendations=record_recommendation(ruleset, evidence),
        heuristics=[heuristic_denoise(ruleset)],
    )
    if gate := author_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        decision.verdict, decision.score = "not_protectable", 0
        return decision
    if gate := evidence_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        decision.verdict = "not_protectable" if evidence.dispute is True else "uncertain"
        decision.score = min(score, 20)
        decision.confidence = "medium" if decision.verdict == "not_protectable" else "low"
        return decision
    elements = [code for code in HUMAN_CONTRIBUTIONS if shown(ruleset, evidence, code)]
    if elements:
        decision.verdict = "partially_protectable"
        decision.protectable = [ELEMENTS[c] for c in elements]
        decision.excluded = [
            (
                "what the AI generated without the author's choices showing in it",
                "未体现作者选择的 AI 生成内容",
            )
        ]
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

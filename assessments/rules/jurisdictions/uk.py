"""United Kingdom. A work with human authorship is protected under the ordinary rules; a
computer-generated work with no human author is protected for 50 years under CDPA s.9(3), its
author the person who made the arrangements necessary for its creation. How originality applies
to such works is unsettled."""

from ..evidence import Evidence
from ..ruleset import Ruleset
from .base import (
    HEURISTIC_DENOISE,
    HUMAN_CONTRIBUTIONS,
    Decision,
    evidence_gate_fails,
    factor_findings,
    ownership,
    points,
    record_recommendation,
    rule_finding,
    shown,
    statement,
)


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    findings = factor_findings(ruleset, evidence)
    named = evidence.author_name if evidence.author_kind != "ai" else None
    owner = ownership(
        evidence, rules["ownership"], author=named or "the user who set up the generation"
    )
    if named is None:
        owner.text_zh = rules["ownership"].text.zh.format(author="设置生成过程的用户")
    earned, _ = points(ruleset, evidence, HUMAN_CONTRIBUTIONS)
    human_elements = [c for c in HUMAN_CONTRIBUTIONS if shown(ruleset, evidence, c)]
    # s.9(3) covers the work even without a human author: the score starts from the
    # arrangements (a process shown at all) and rises with human authorship.
    arrangements = 40 if evidence.quality.steps or evidence.intake is not None else 20
    score = round(min(100, arrangements + 60 * min(1.0, earned / 60)))
    decision = Decision(
        verdict="protectable",
        score=score,
        confidence="medium" if human_elements else "low",
        findings=findings,
        ownership=owner,
        recommendations=record_recommendation(ruleset, evidence) + [statement(rules["cgw"])],
        heuristics=[HEURISTIC_DENOISE],
    )
    decision.findings.insert(0, rule_finding(rules["cgw"], "F14", "supports", []))
    if human_elements:
        decision.protectable = [
            (
                "the work, with human authorship of the elements the author determined (life + 70 years)",
                "作品（作者决定的要素为人类创作，保护期为作者终生加 70 年）",
            )
        ]
    else:
        decision.protectable = [
            (
                "the work as a computer-generated work (50 years from creation)",
                "作为计算机生成作品的整部作品（自创作起 50 年）",
            )
        ]
    if evidence_gate_fails(evidence):
        # Who made the arrangements is a question of fact (Nova v Mazooma): without records the
        # claim to be that person is open.
        decision.confidence = "low"
        decision.verdict = "uncertain"
    return decision

"""``assess(evidence, ruleset)`` per jurisdiction and ``assess_all`` for the whole result.

Verdicts come from gates first, then strength (DESIGN.md); the what-if list re-runs the same
rules on the evidence with one missing fact supplied, so it is computed, never hand-written.
"""

import hashlib
from collections.abc import Callable

from assessments.creation_logs.schema import SourceFile

from .analogous import CaseProfile, analogous
from .evidence import Evidence, Fact, Measure
from .infringement import Screen
from .jurisdictions import cn, eu, uk, us
from .jurisdictions.base import Decision
from .result import EvidenceFile, EvidenceRecord, Finding, JurisdictionResult, Result, WhatIf
from .ruleset import Ruleset

DECIDERS: dict[str, Callable[[Evidence, Ruleset], Decision]] = {
    "CN": cn.decide,
    "US": us.decide,
    "EU": eu.decide,
    "UK": uk.decide,
}


# The what-if copies are shallow: each replaces whole fields and never mutates shared ones, so
# the (possibly large) lists of facts and screened texts are not copied.
def _supplied(evidence: Evidence, field: str, value: float, quote: str) -> Evidence:
    measure = Measure(value=value, facts=[Fact(source="intake", quote=quote)])
    return evidence.model_copy(update={field: measure})


def _records_supplied(evidence: Evidence) -> Evidence:
    quality = evidence.quality.model_copy(
        update={"re_creation": False, "process_records": True, "contemporaneous": True}
    )
    records = Measure(value=1.0, facts=[Fact(source="intake", quote="original records produced")])
    return evidence.model_copy(update={"quality": quality, "evidence_quality": records})


def _author_supplied(evidence: Evidence) -> Evidence:
    return evidence.model_copy(update={"author_kind": "natural_person"})


# Facts that are missing or weak, and how supplying them changes the evidence.
WHAT_IFS: list[tuple[str, str, Callable[[Evidence], bool], Callable[[Evidence], Evidence]]] = [
    (
        "the original, contemporaneous records of the process are produced",
        "提交创作过程的原始、同期记录",
        lambda e: not e.evidence_quality.at_least(0.7),
        _records_supplied,
    ),
    (
        "the output is substantially edited by hand after generation",
        "生成后对输出进行实质性的人工修改",
        lambda e: not e.post_editing.at_least(0.6),
        lambda e: _supplied(e, "post_editing", 1.0, "substantial post-editing"),
    ),
    (
        "an own drawing or photograph is used as input and stays perceptible (denoising ≤ 0.5)",
        "使用自己的绘画或照片作为输入且在输出中仍可感知（重绘强度 ≤ 0.5）",
        lambda e: not e.own_input.at_least(0.6),
        lambda e: _supplied(e, "own_input", 1.0, "own input perceptible in the output"),
    ),
    (
        "regions are reworked by inpainting with the author's own choices",
        "通过局部重绘按作者自己的选择修改画面区域",
        lambda e: not e.localised.at_least(0.6),
        lambda e: _supplied(e, "localised", 1.0, "region-level inpainting"),
    ),
    (
        "the outputs are selected and arranged into a larger work",
        "将输出选择、编排成更大的作品",
        lambda e: not e.arrangement.at_least(0.6),
        lambda e: _supplied(e, "arrangement", 1.0, "selection and arrangement"),
    ),
    (
        "a natural person is named as the author",
        "指明自然人为作者",
        lambda e: e.author_kind == "ai",
        _author_supplied,
    ),
]


def assess(
    evidence: Evidence, ruleset: Ruleset, *, with_what_if: bool = True
) -> JurisdictionResult:
    decision = DECIDERS[ruleset.jurisdiction](evidence, ruleset)
    what_if = []
    if with_what_if:
        for text, text_zh, applies, supply in WHAT_IFS:
            if not applies(evidence):
                continue
            other = DECIDERS[ruleset.jurisdiction](supply(evidence), ruleset)
            if other.verdict != decision.verdict:
                what_if.append(
                    WhatIf(
                        condition=text,
                        condition_zh=text_zh,
                        verdict=other.verdict,
                        score=other.score,
                    )
                )
    return JurisdictionResult(
        verdict=decision.verdict,
        score=max(0, min(100, decision.score)),
        confidence=decision.confidence,
        findings=decision.findings,
        ownership=decision.ownership,
        protectable_elements=[en for en, _ in decision.protectable],
        protectable_elements_zh=[zh for _, zh in decision.protectable],
        excluded_elements=[en for en, _ in decision.excluded],
        excluded_elements_zh=[zh for _, zh in decision.excluded],
        recommendations=decision.recommendations,
        what_if=what_if,
        filing=decision.filing,
        heuristics=decision.heuristics,
        ruleset=ruleset.id,
    )


def evidence_record(files: list[SourceFile]) -> EvidenceRecord:
    """Every file's SHA-256 and a root hash over them (sorted, so upload order does not matter)."""
    entries = sorted({(f.sha256, f.name, f.format) for f in files})
    root = None
    if entries:
        root = hashlib.sha256("\n".join(sha for sha, _, _ in entries).encode()).hexdigest()
    return EvidenceRecord(
        files=[EvidenceFile(name=name, sha256=sha, format=fmt) for sha, name, fmt in entries],
        root=root,
    )


def assess_all(
    evidence: Evidence,
    rulesets: dict[str, Ruleset],
    *,
    screen: Screen,
    profiles: list[CaseProfile],
    files: list[SourceFile],
) -> Result:
    infringement = screen.screen(evidence)
    jurisdictions = {}
    for code in sorted(rulesets):
        result = assess(evidence, rulesets[code])
        if infringement.flags:
            result.findings.append(
                Finding(
                    factor="F13",
                    effect="risk",
                    points=0.0,
                    evidence=[f"{f.kind}: {f.matched}" for f in infringement.flags[:5]],
                    rationale=infringement.rationale,
                    rationale_zh=infringement.rationale_zh,
                    citations=infringement.citations,
                )
            )
        jurisdictions[code] = result
    return Result(
        rulesets={code: rulesets[code].id for code in sorted(rulesets)},
        jurisdictions=jurisdictions,
        infringement=infringement,
        analogous_cases=analogous(evidence, profiles, sorted(rulesets)),
        evidence_record=evidence_record(files),
    )

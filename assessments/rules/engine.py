"""``assess(evidence, ruleset)`` per jurisdiction and ``assess_all`` for the whole result.

Verdicts come from gates first, then strength (DESIGN.md); the what-if list re-runs the same
rules on the evidence with one missing fact supplied, so it is computed, never hand-written.
"""

import hashlib
from collections.abc import Callable, Mapping

from assessments.creation_logs.schema import SourceFile

from .analogous import CaseProfile, analogous
from .evidence import FACTOR_FIELDS, Evidence, Fact, Measure
from .infringement import Screen
from .jurisdictions import cn, eu, uk, us
from .jurisdictions.base import Decision, records_adequate, shown
from .result import (
    BandOut,
    EvidenceFile,
    EvidenceRecord,
    Finding,
    Infringement,
    JurisdictionResult,
    NotAssessed,
    Quantities,
    Result,
    ScaleOut,
    WhatIf,
)
from .ruleset import Ruleset, WhatIfRule, measures

DECIDERS: dict[str, Callable[[Evidence, Ruleset], Decision]] = {
    "CN": cn.decide,
    "US": us.decide,
    "EU": eu.decide,
    "UK": uk.decide,
}


# The what-if copies are shallow: each replaces whole fields and never mutates shared ones, so
# the (possibly large) lists of facts and screened texts are not copied.
def _supplied(evidence: Evidence, code: str, quote: str) -> Evidence:
    measure = Measure(value=1.0, facts=[Fact(source="intake", quote=quote)])
    return evidence.model_copy(update={FACTOR_FIELDS[code]: measure})


def _records_supplied(evidence: Evidence, quote: str) -> Evidence:
    quality = evidence.quality.model_copy(
        update={"re_creation": False, "process_records": True, "contemporaneous": True}
    )
    records = Measure(value=1.0, facts=[Fact(source="intake", quote=quote)])
    return evidence.model_copy(update={"quality": quality, "evidence_quality": records})


def _applies(rule: WhatIfRule, evidence: Evidence, ruleset: Ruleset) -> bool:
    """The fact is missing or weak: the author is the AI, the records are not adequate, or the
    factor is not shown at the jurisdiction's threshold."""
    if rule.id == "author":
        return evidence.author_kind == "ai"
    if rule.id == "records":
        return not records_adequate(evidence)
    return not shown(ruleset, evidence, rule.factor)


def _supply(rule: WhatIfRule, evidence: Evidence, quote: str) -> Evidence:
    if rule.id == "author":
        return evidence.model_copy(update={"author_kind": "natural_person"})
    if rule.id == "records":
        return _records_supplied(evidence, quote)
    return _supplied(evidence, rule.factor, quote)


def assess(
    evidence: Evidence, ruleset: Ruleset, *, with_what_if: bool = True
) -> JurisdictionResult:
    decision = DECIDERS[ruleset.jurisdiction](evidence, ruleset)
    what_if = []
    if with_what_if:
        value = f"{measures().number('perceptible_denoise_max'):g}"
        for rule in measures().what_if:
            if not _applies(rule, evidence, ruleset):
                continue
            condition = rule.condition.en.format(value=value)
            other = DECIDERS[ruleset.jurisdiction](_supply(rule, evidence, condition), ruleset)
            if other.verdict != decision.verdict:
                what_if.append(
                    WhatIf(
                        condition=condition,
                        condition_zh=rule.condition.zh.format(value=value),
                        verdict=other.verdict,
                        score=other.score,
                    )
                )
    score = max(0, min(100, decision.score))
    return JurisdictionResult(
        verdict=decision.verdict,
        score=score,
        scale=scale(ruleset, score),
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
        heuristics=[en for en, _ in decision.heuristics],
        heuristics_zh=[zh for _, zh in decision.heuristics],
        ruleset=ruleset.id,
    )


def scale(ruleset: Ruleset, score: int) -> ScaleOut:
    """The ruleset's scale with the band ``score`` is in."""
    bands = ruleset.scale.bands
    out = [
        BandOut(
            min=band.min,
            max=(bands[i + 1].min - 1) if i + 1 < len(bands) else 100,
            label=band.label.en,
            label_zh=band.label.zh,
            meaning=band.meaning.en,
            meaning_zh=band.meaning.zh,
        )
        for i, band in enumerate(bands)
    ]
    return ScaleOut(
        measures=ruleset.scale.measures.en,
        measures_zh=ruleset.scale.measures.zh,
        band=[b for b in out if b.min <= score][-1],
        bands=out,
    )


def quantities(evidence: Evidence) -> Quantities:
    """The raw counts the measures were made from."""
    extent = (
        evidence.intake.post_editing.extent
        if evidence.intake and evidence.intake.post_editing
        else None
    )
    return Quantities(
        generations=evidence.generations,
        distinct_prompts=evidence.distinct_prompts,
        revision_rounds=evidence.refinement.count,
        prompt_revisions=evidence.prompt_revisions,
        prompt_change_shares=evidence.prompt_change_shares,
        prompt_change_mean=evidence.prompt_change_mean,
        rerolls=evidence.rerolls,
        possibly_unrelated=evidence.possibly_unrelated,
        settings_recorded=evidence.parameters.count,
        candidates=evidence.candidates,
        selections_recorded=evidence.selection.count,
        regional_edits=evidence.localised.count,
        own_inputs=evidence.own_inputs,
        own_input_lowest_denoise=evidence.own_input_min_denoise,
        edit_steps=evidence.post_editing.count,
        trivial_edits=evidence.trivial_edits,
        editing_extent=extent,
        recorded_steps=evidence.quality.steps,
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
    sources: Mapping[str, list[str]] | None = None,
) -> Result:
    """The result under each ruleset. ``sources`` lists the library's published entries by
    jurisdiction, cited for the countries the work concerns that no ruleset assesses."""
    infringement = screen.screen(evidence)
    jurisdictions = {}
    for code in sorted(rulesets):
        result = assess(evidence, rulesets[code])
        if infringement.flags:
            result.findings.append(_risk(infringement, code))
        jurisdictions[code] = result
    cases = analogous(evidence, profiles, sorted(rulesets))
    return Result(
        rulesets={code: rulesets[code].id for code in sorted(rulesets)},
        jurisdictions=jurisdictions,
        infringement=infringement,
        analogous_cases=cases,
        evidence_record=evidence_record(files),
        quantities=quantities(evidence),
        not_assessed=not_assessed(evidence, profiles, [c.slug for c in cases], sources or {}),
    )


def _risk(infringement: Infringement, code: str) -> Finding:
    """The screen's finding in one jurisdiction: what the flags are, then what that
    jurisdiction's decisions say on each point (or that none is on point there), citing those
    decisions and the decisions that named a flagged work."""
    mine = [a for a in infringement.authorities if a.jurisdiction == code]
    named = [f.named_by for f in infringement.flags if f.named_by]
    return Finding(
        factor="F13",
        effect="risk",
        points=0.0,
        evidence=[f"{f.kind}: {f.matched}" for f in infringement.flags[:5]],
        rationale=" ".join(
            [
                infringement.rationale,
                *(s.text for s in infringement.purpose_statements),
                *(a.text for a in mine),
            ]
        ),
        rationale_zh="".join(
            [
                infringement.rationale_zh,
                *(s.text_zh for s in infringement.purpose_statements),
                *(a.text_zh for a in mine),
            ]
        ),
        citations=list(dict.fromkeys([*named, *(c for a in mine for c in a.citations)])),
    )


def not_assessed(
    evidence: Evidence,
    profiles: list[CaseProfile],
    analogous_slugs: list[str],
    sources: Mapping[str, list[str]],
) -> list[NotAssessed]:
    """The countries the work concerns that the app has no ruleset for, each named as not
    assessed with the library's sources on it: those the intake names, then those the library
    makes relevant (the decision closest to the facts comes from there). Nothing is answered
    for them."""
    m = measures()
    where = {p.slug: p.jurisdiction for p in profiles}
    named = list((evidence.intake.other_jurisdictions or []) if evidence.intake else [])
    closest = [where[s] for s in analogous_slugs[:1] if where.get(s) in m.countries]
    out = []
    for code in dict.fromkeys(named + closest):
        country = m.countries[code]
        cited = list(sources.get(code, []))
        text = (
            "not_assessed_analogous"
            if code not in named
            else "not_assessed"
            if cited
            else "not_assessed_no_sources"
        )
        template = m.texts[text]
        out.append(
            NotAssessed(
                jurisdiction=code,
                name=country.en,
                name_zh=country.zh,
                text=_capital(template.en.format(country=country.en)),
                text_zh=template.zh.format(country=country.zh),
                citations=cited,
            )
        )
    return out


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]

"""The result of an assessment (DESIGN.md result JSON), with bilingual companions (``*_zh``)."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Verdict = Literal["protectable", "partially_protectable", "uncertain", "not_protectable"]
VERDICTS: tuple[Verdict, ...] = (
    "protectable",
    "partially_protectable",
    "uncertain",
    "not_protectable",
)


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Finding(_Out):
    factor: str
    # The finding's own heading when a rule made it (two findings may rest on the same factor:
    # the factor's measure, and the jurisdiction's rule on it); empty: the factor's name.
    title: str = ""
    title_zh: str = ""
    # The jurisdiction's rule that made it (empty: the factor's own measure). A finding is
    # known, to counsel's notes, by its factor, or "factor/rule" where a rule made it.
    rule: str = ""
    effect: Literal["supports", "against", "gate", "neutral", "risk"]
    points: float
    evidence: list[str] = Field(default_factory=list)
    # The evidence as the Chinese report quotes it (the app's facts in Chinese, the user's text
    # as written); empty in results built before it was kept.
    evidence_zh: list[str] = Field(default_factory=list)
    rationale: str
    rationale_zh: str
    citations: list[str]

    @property
    def key(self) -> str:
        return f"{self.factor}/{self.rule}" if self.rule else self.factor


class Statement(_Out):
    text: str
    text_zh: str
    citations: list[str]


class Ownership(_Out):
    author: str | None
    text: str
    text_zh: str
    citations: list[str]


class WhatIf(_Out):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    condition: str = Field(alias="if")
    condition_zh: str = Field(alias="if_zh")
    verdict: Verdict
    score: int


class Filing(_Out):
    author_created: str | None = None
    material_excluded: str | None = None
    claim_limitation: str | None = None
    creation_statement_zh: str | None = None
    creation_statement_en: str | None = None
    citations: list[str] = Field(default_factory=list)


class BandOut(_Out):
    min: int
    max: int
    label: str
    label_zh: str
    meaning: str
    meaning_zh: str


class ScaleOut(_Out):
    """The jurisdiction's score scale as the ruleset defines it, and the band this score is in.
    The verdict comes from the gates first, then the rules; the band reads the score."""

    measures: str
    measures_zh: str
    band: BandOut
    bands: list[BandOut]


class JurisdictionResult(_Out):
    verdict: Verdict
    score: int = Field(ge=0, le=100)
    scale: ScaleOut | None = None
    confidence: Literal["high", "medium", "low"]
    findings: list[Finding]
    ownership: Ownership
    protectable_elements: list[str]
    protectable_elements_zh: list[str]
    excluded_elements: list[str]
    excluded_elements_zh: list[str]
    recommendations: list[Statement]
    what_if: list[WhatIf] = Field(default_factory=list)
    filing: Filing | None = None
    heuristics: list[str] = Field(default_factory=list)
    heuristics_zh: list[str] = Field(default_factory=list)
    ruleset: str


class Flag(_Out):
    kind: Literal[
        "prompt",
        "lora",
        "model",
        "file_name",
        "input",
        "third_party_input",
        "described",
        "near_copy",
    ]
    matched: str
    protected_work: str
    citations: list[str]
    # The risk this match raises by itself (the screen's level is the highest); None in reports
    # built before flags had their own level.
    level: Literal["low", "medium", "high"] | None = None
    step: int | None = None
    quote: str | None = None
    # The quote in Chinese where the screen wrote it (an input's weight, a comparison); a quote
    # of the user's own text has none.
    quote_zh: str | None = None
    # What the flag is about (a key of ``Infringement.authorities``' topics); None in reports
    # built before the screen cited per jurisdiction.
    topic: str | None = None
    # How the lexicon entry's decision relates to it: it named the work, or it is cited for the
    # principle only (said so), or the entry has no decision of its own.
    note: str | None = None
    note_zh: str | None = None
    # The decision that named the work itself, when one did (cited first).
    named_by: str | None = None


class ScreenAuthorityOut(_Out):
    """What one assessed jurisdiction's decisions say on one topic the flags raise; when
    ``on_point`` is false the text says plainly that no decision is on point there."""

    topic: str
    jurisdiction: str
    on_point: bool
    text: str
    text_zh: str
    citations: list[str] = Field(default_factory=list)


class Comparison(_Out):
    """The final image compared with another picture by perceptual hash (0-64 bits apart)."""

    final: str
    other: str
    other_kind: Literal["third_party_input", "reference", "own_input"]
    protected_work: str | None = None
    distance: int = Field(ge=0, le=64)
    meaning: str
    meaning_zh: str


class Infringement(_Out):
    level: Literal["none", "low", "medium", "high"]
    flags: list[Flag]
    rationale: str
    rationale_zh: str
    citations: list[str]
    authorities: list[ScreenAuthorityOut] = Field(default_factory=list)
    purposes: list[str] = Field(default_factory=list)
    # What the purpose of the use means for the risk (commercial use raising it, parody stated).
    purpose_statements: list[Statement] = Field(default_factory=list)
    comparisons: list[Comparison] = Field(default_factory=list)


class AnalogousCase(_Out):
    slug: str
    similarity: float
    reason: str
    # The factors on which the decision is alike and differs, and its outcome (empty in results
    # built before they were kept apart from ``reason``).
    alike: list[str] = Field(default_factory=list)
    differs: list[str] = Field(default_factory=list)
    outcome: str | None = None


class EvidenceFile(_Out):
    name: str | None
    sha256: str
    format: str


class EvidenceRecord(_Out):
    files: list[EvidenceFile]
    root: str | None


class Authority(_Out):
    """How the library cited a decision when the report was built (reports are immutable, so the
    citation and the status of proceedings they printed are kept with them)."""

    name: str
    name_zh: str
    citation: str
    citation_zh: str
    proceeding_status: str
    status_as_of: str | None = None


class NotAssessed(_Out):
    """A country the work concerns that the app has no ruleset for: named, never answered."""

    jurisdiction: str
    name: str
    name_zh: str
    text: str
    text_zh: str
    citations: list[str] = Field(default_factory=list)


class Quantities(_Out):
    """The raw counts behind the 0-1 measures, as the evidence has them (never capped)."""

    generations: int = 0
    distinct_prompts: int = 0
    revision_rounds: int | None = None
    prompt_revisions: int = 0
    prompt_change_shares: list[float] = Field(
        default_factory=list, description="Share of words changed in each prompt revision."
    )
    rerolls: int = 0
    possibly_unrelated: int = 0
    settings_recorded: int | None = None
    candidates: int = 0
    selections_recorded: int | None = None
    regional_edits: int | None = None
    own_inputs: int = 0
    own_input_lowest_denoise: float | None = None
    prompt_change_mean: float | None = None
    edit_steps: int | None = None
    trivial_edits: int = 0
    editing_extent: str | None = None
    recorded_steps: int = 0


class Result(_Out):
    rulesets: dict[str, str]
    jurisdictions: dict[str, JurisdictionResult]
    infringement: Infringement
    analogous_cases: list[AnalogousCase]
    evidence_record: EvidenceRecord
    quantities: Quantities = Field(default_factory=Quantities)
    not_assessed: list[NotAssessed] = Field(default_factory=list)
    authorities: dict[str, Authority] = Field(default_factory=dict)
    notice: str = "Decision support, not legal advice: have a qualified lawyer review it before relying on it."
    notice_zh: str = "本结果为决策支持，不构成法律意见：依赖之前请由合格的律师审阅。"


def cited_slugs(result: Result) -> list[str]:
    """Every decision the result cites, in order of first citation."""
    found: dict[str, None] = {}
    for j in result.jurisdictions.values():
        for finding in j.findings:
            found.update(dict.fromkeys(finding.citations))
        found.update(dict.fromkeys(j.ownership.citations))
        for statement in j.recommendations:
            found.update(dict.fromkeys(statement.citations))
        if j.filing is not None:
            found.update(dict.fromkeys(j.filing.citations))
    found.update(dict.fromkeys(result.infringement.citations))
    for flag in result.infringement.flags:
        found.update(dict.fromkeys(flag.citations))
    for authority in result.infringement.authorities:
        found.update(dict.fromkeys(authority.citations))
    for statement in result.infringement.purpose_statements:
        found.update(dict.fromkeys(statement.citations))
    found.update(dict.fromkeys(case.slug for case in result.analogous_cases))
    for other in result.not_assessed:
        found.update(dict.fromkeys(other.citations))
    return list(found)

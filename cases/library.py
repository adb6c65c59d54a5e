"""The schema of the curated library file (``cases/fixtures/caselaw.json``), validated by pydantic.

Unknown keys are refused so that a typo in a curated file fails loudly instead of being dropped.
"""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FactorData(_Strict):
    code: str = Field(pattern=r"^F[0-9]{1,2}$")
    name_en: str
    name_zh: str
    question_en: str
    question_zh: str
    evidence_en: str = ""


class SourceData(_Strict):
    url: HttpUrl
    title: str = ""
    kind: Literal["official", "judgment_text", "secondary", "dataset"] = "secondary"
    accessed_on: date | None = None


class CaseFactorData(_Strict):
    code: str
    treatment: Literal["supports_protection", "against_protection", "infringement", "liability"]
    note_en: str = ""
    note_zh: str = ""


class HumanInput(_Strict):
    """Human-input facts of a decision; ``None`` means unknown or unverified, never 'no'."""

    num_prompts: int | None = None
    num_prompts_note: str | None = None
    prompt_specificity: Literal["high", "medium", "low", "none", "unknown", "n/a"] | None = None
    prompt_example: str | None = None
    prompt_specificity_note: str | None = None
    negative_prompts: bool | None = None
    parameter_changes: bool | None = None
    parameters_note: str | None = None
    iterations: int | None = None
    iterations_note: str | None = None
    post_editing: bool | None = None
    post_editing_note: str | None = None
    selection_arrangement: bool | None = None
    selection_note: str | None = None
    human_source_material: str | None = None
    process_evidence_retained: bool | None = None
    process_note: str | None = None
    reproducible_on_demand: bool | None = None
    reproducibility_note: str | None = None


class ScenarioData(_Strict):
    work_type: str = ""
    claimed_subject: str = ""
    human_input: HumanInput
    real_outcome: str
    outcome_scope: str = ""
    decisive_factors: list[str] = []
    use_as_test: bool = True
    unverified_fields: list[str] = []


class CaseData(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)
    short_name: str
    title_en: str
    title_zh: str = ""
    jurisdiction: Literal["CN", "US", "EU", "UK", "CZ", "DE", "IN", "JP", "KR"]
    tribunal: str
    decision_date: date | None = None
    decision_date_precision: Literal["day", "month", "year"] = "day"
    date_note: str = ""
    docket: str = ""
    parties: str = ""
    ai_tools: list[str] = []
    issue: Literal[
        "copyrightability", "infringement", "platform_liability", "personality_rights", "guidance"
    ]
    outcome: Literal[
        "granted", "partial", "denied", "liable", "not_liable", "pending", "guidance", "other"
    ]
    holding_en: str
    holding_zh: str = ""
    summary_en: str = ""
    summary_zh: str = ""
    verification: Literal["verified", "partially_verified", "context"]
    unverified_fields: list[str] = []
    sources: list[SourceData] = Field(min_length=1)
    factors: list[CaseFactorData] = []
    scenario: ScenarioData | None = None


class ProtectedWorkData(_Strict):
    name: str
    aliases_en: list[str] = []
    aliases_zh: list[str] = []
    owner: str = ""
    kind: Literal["character", "artwork", "brand", "artist"]
    case: str
    named_in_decision: bool = False
    note: str = ""


class Library(_Strict):
    format: Literal["aigc-caselaw/1"]
    factors: list[FactorData]
    cases: list[CaseData]
    protected_works: list[ProtectedWorkData] = []

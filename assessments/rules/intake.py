"""The intake: what the logs cannot tell (DESIGN.md contract). A missing answer is unknown
(None), never "no"; unknown keys are refused."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Jurisdiction = Literal["CN", "US", "EU", "UK"]
JURISDICTIONS: tuple[Jurisdiction, ...] = ("CN", "US", "EU", "UK")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClaimedAuthor(_Strict):
    name: str = Field(max_length=300)
    kind: Literal["natural_person", "legal_person", "ai"]


class PostEditing(_Strict):
    extent: Literal["none", "minor", "moderate", "substantial"]
    description: str | None = Field(default=None, max_length=5000)
    hours: float | None = Field(default=None, ge=0, le=100000, description="Time spent editing.")
    before_after_files: bool | None = Field(
        default=None, description="The files before and after the editing are kept."
    )


Operator = Literal["claimant", "employee", "commissioned", "other"]

# What the work is, or will be, used for (beside the free-text ``purpose``): the infringement
# screen raises a commercial exploitation's risk and states parody or commentary, never clears it.
PurposeCategory = Literal[
    "personal",
    "portfolio",
    "publication",
    "merchandise",
    "advertising",
    "prints",
    "parody",
]
PURPOSE_CATEGORIES: tuple[str, ...] = PurposeCategory.__args__  # type: ignore[attr-defined]


class Intake(_Strict):
    jurisdictions: list[Jurisdiction] = Field(min_length=1, max_length=4)
    work_title: str | None = Field(default=None, max_length=300)
    work_kind: Literal["image", "comic", "text", "video", "music", "other"] | None = None
    claimed_author: ClaimedAuthor | None = None
    human_contribution: str | None = Field(default=None, max_length=20000)
    post_editing: PostEditing | None = None
    own_inputs: bool | None = None
    arrangement: bool | None = None
    evidence_retained: bool | None = None
    evidence_contemporaneous: bool | None = None
    published_on: date | None = None
    ai_tool_terms_assign_rights_to_user: bool | None = None
    labelled_as_ai: bool | None = None
    purpose: str | None = Field(default=None, max_length=2000)
    purposes: list[PurposeCategory] | None = Field(
        default=None,
        max_length=len(PURPOSE_CATEGORIES),
        description="What the work is used for: personal, portfolio, publication, merchandise "
        "(commercial merchandise), advertising, prints (sale of prints), parody (parody or "
        "commentary).",
    )
    dispute: bool | None = None
    # Extension: what protection is claimed for. "prompts" is a claim that the prompt text is
    # itself a literary work (Huangpu 2025), not the output.
    claimed_subject: Literal["output", "prompts"] | None = None
    # Extension: the facts that decide and that logs may not show. Each is a claim: it weighs
    # less than a record of the same fact, and the report says which record would prove it.
    rounds: int | None = Field(
        default=None, ge=0, le=1_000_000, description="Rounds of revision after seeing an output."
    )
    prompt_changes: str | None = Field(
        default=None, max_length=5000, description="How the prompts changed between rounds."
    )
    candidates: int | None = Field(
        default=None, ge=0, le=10_000_000, description="Candidate outputs seen."
    )
    selection_reason: str | None = Field(
        default=None, max_length=5000, description="How and why the kept output was chosen."
    )
    regional_edits: int | None = Field(
        default=None, ge=0, le=1_000_000, description="Region-level edits (inpainting, masks)."
    )
    own_input_description: str | None = Field(
        default=None, max_length=5000, description="What own input was used; how much survives."
    )
    operator: Operator | None = Field(default=None, description="Who operated the AI tool.")
    text_rewritten_share: float | None = Field(
        default=None, ge=0, le=1, description="For text: the share the author wrote or rewrote."
    )
    dispute_began_on: date | None = None
    tool_role: Literal["generated", "assisted"] | None = Field(
        default=None,
        description="What the AI or software did: generated the content from the person's "
        "instructions, or assisted, carrying out the person's own choices of the work's forms, "
        "colours and framing.",
    )
    final_file: str | None = Field(
        default=None, max_length=300, description="The name of the file that is the final work."
    )
    other_jurisdictions: list[str] | None = Field(
        default=None,
        max_length=20,
        description="Other countries where the work is published, sold or may be enforced, which "
        "the app does not assess (ISO 3166 codes the measures file names).",
    )

    @field_validator("purposes")
    @classmethod
    def _once_each(cls, value: list[str] | None) -> list[str] | None:
        return None if value is None else list(dict.fromkeys(value))

    @field_validator("other_jurisdictions")
    @classmethod
    def _known_countries(cls, value: list[str] | None) -> list[str] | None:
        from .ruleset import measures

        if value is None:
            return None
        known = measures().countries
        if unknown := sorted(set(value) - set(known)):
            raise ValueError(f"countries not known: {unknown}; known: {sorted(known)}")
        return list(dict.fromkeys(value))

"""The intake: what the logs cannot tell (DESIGN.md contract). A missing answer is unknown
(None), never "no"; unknown keys are refused."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Jurisdiction = Literal["CN", "US", "EU", "UK"]
JURISDICTIONS: tuple[Jurisdiction, ...] = ("CN", "US", "EU", "UK")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ClaimedAuthor(_Strict):
    name: str = Field(max_length=300)
    kind: Literal["natural_person", "legal_person", "ai"]


class PostEditing(_Strict):
    extent: Literal["none", "minor", "substantial"]
    description: str | None = Field(default=None, max_length=5000)


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
    dispute: bool | None = None
    # Extension: what protection is claimed for. "prompts" is a claim that the prompt text is
    # itself a literary work (Huangpu 2025), not the output.
    claimed_subject: Literal["output", "prompts"] | None = None

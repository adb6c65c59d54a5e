"""Rulesets as data: per jurisdiction, each factor's weight and threshold, its rationale in
English and Chinese, the decisions it rests on, and the basis of the weight in words.

Loading validates with pydantic (unknown keys refused) and checks every cited slug against the
published case library; a ruleset that cites a missing decision fails loudly.
"""

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date
from functools import cache
from pathlib import Path
from string import Formatter
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from assessments.errors import ApplicationError

from .intake import PurposeCategory

RULESET_DIR = Path(__file__).resolve().parent / "rulesets"
FACTOR_CODES = tuple(f"F{n}" for n in range(1, 15))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)


class CitedText(Text):
    """A statement with the decisions that support it (each has a record of the factor with the
    same treatment; see tests/rules/test_citations_support.py). Where no decision of the
    jurisdiction has ruled on the factor, the statement may rest on a decision ``by_analogy_to``
    another factor it did decide, and must say so in both languages."""

    citations: list[str] = Field(min_length=1)
    by_analogy_to: str | None = Field(default=None, pattern=r"^F[0-9]{1,2}$")

    @model_validator(mode="after")
    def _says_so(self) -> "CitedText":
        if self.by_analogy_to and not (
            "analog" in self.en.lower() and any(w in self.zh for w in ("类推", "参照", "类比"))
        ):
            raise ValueError(
                "a statement resting on a decision by analogy must say so in both languages"
            )
        return self


class FactorRule(_Strict):
    weight: float = Field(ge=0, le=100, description="Points at full strength.")
    threshold: float = Field(default=0.5, ge=0, le=1, description="Strength that counts as shown.")
    basis: str = Field(min_length=10, description="The decision or guidance the weight comes from.")
    supports: CitedText = Field(
        description="Rationale when the factor is shown; {evidence} is the quote."
    )
    against: CitedText = Field(description="Rationale when it is not shown.")
    pending_citations: list[str] = Field(
        default_factory=list,
        description="Matters not finally decided, cited only as pending, never for the holding.",
    )

    @property
    def citations(self) -> list[str]:
        """Every decision the factor's statements cite, in order."""
        return list(dict.fromkeys([*self.supports.citations, *self.against.citations]))


class Rule(_Strict):
    """A gate, threshold or statement the jurisdiction's logic uses by name."""

    text: Text
    title: Text | None = Field(
        default=None,
        description="The finding's heading, where the rule makes one (a factor's name otherwise).",
    )
    name: str = Field(
        default="",
        exclude=True,
        description="The rule's key in its ruleset (set on loading; not written in the file).",
    )
    citations: list[str] = Field(default_factory=list)
    pending_citations: list[str] = Field(
        default_factory=list,
        description="Matters not finally decided, cited only as pending, never for the holding.",
    )
    value: float | None = None
    basis: str = Field(min_length=10)

    @model_validator(mode="after")
    def _cited(self) -> "Rule":
        if not (self.citations or self.pending_citations):
            raise ValueError("a rule cites the decisions it rests on (or the pending matters)")
        return self


# The values the engine fills into each template (the interface between the code and the texts).
# A template naming anything else would fail when a report is built, so the loader refuses it.
FACTOR_PLACEHOLDERS = frozenset({"evidence", "elements"})
RULE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "ownership": frozenset({"author"}),
    "ownership_legal_person": frozenset({"author"}),
    "creation_statement": frozenset({"author", "parts", "steps"}),
    "statement_elements": frozenset({"elements"}),
    "statement_F4": frozenset({"rounds"}),
    "claim_limitation": frozenset({"created"}),
    "heuristic_denoise": frozenset({"value"}),
    "flags": frozenset({"names"}),
    "style": frozenset({"names"}),
    "brand": frozenset({"names"}),
    "near_copy": frozenset({"names"}),
    "purpose_commercial": frozenset({"purposes"}),
    "purpose_parody": frozenset({"purposes"}),
    "third_party_input": frozenset({"names"}),
    "described": frozenset({"names"}),
    "label_removal": frozenset({"evidence"}),
    "kind_not_decided": frozenset({"kind"}),
    "ownership_operator_employee": frozenset({"author"}),
    "ownership_operator_commissioned": frozenset({"author"}),
}


def _placeholders(template: str) -> set[str]:
    try:
        return {field for _, field, _, _ in Formatter().parse(template) if field is not None}
    except ValueError as exc:  # an unmatched brace
        raise ValueError(f"broken template {template[:60]!r}: {exc}") from exc


def check_template(text: Text, allowed: frozenset[str], where: str) -> None:
    """Both languages name the same placeholders, each one the engine fills."""
    en, zh = _placeholders(text.en), _placeholders(text.zh)
    if en != zh:
        raise ValueError(f"{where}: English names {sorted(en)}, Chinese {sorted(zh)}")
    unknown = sorted(en - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown placeholders {unknown}; allowed {sorted(allowed)}")


class _Cites(_Strict):
    """What a ruleset file cites, derived from its ``entries``: (place, citations as authority,
    other citations: pending matters, or the file's list of sources)."""

    def entries(self) -> list[tuple[str, list[str], list[str]]]:
        raise NotImplementedError

    def places(self) -> dict[str, list[str]]:
        """Every cited slug with the places that cite it ("F2", "rule cgw", "sources")."""
        return _index((place, [*cited, *other]) for place, cited, other in self.entries())

    def authority_citations(self) -> dict[str, list[str]]:
        """The slugs cited as authority for a finding or rule (not as pending), with places."""
        return _index((place, cited) for place, cited, _ in self.entries())

    def citations(self) -> set[str]:
        return set(self.places())

    def pending_only(self) -> set[str]:
        return {s for place, _, other in self.entries() if place != "sources" for s in other}


def _index(entries: Iterable[tuple[str, list[str]]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for place, slugs in entries:
        for slug in slugs:
            found.setdefault(slug, []).append(place)
    return found


def _rule_entries(rules: dict[str, "Rule"]) -> list[tuple[str, list[str], list[str]]]:
    return [(f"rule {name}", r.citations, r.pending_citations) for name, r in rules.items()]


class Band(_Strict):
    """A range of the score, from ``min`` up to the next band's ``min``, and what it means."""

    min: int = Field(ge=0, le=100)
    label: Text
    meaning: Text


class Scale(_Strict):
    """The jurisdiction's one score scale: what 0-100 measures, the points that make 100, the cap
    on a score whose verdict a gate decided, and the bands it is read in (shown in every result)."""

    measures: Text
    full_points: float | None = Field(
        default=None,
        gt=0,
        description="Points that make 100; none: the share of the weight the evidence could show.",
    )
    gated_cap: int = Field(ge=0, le=100)
    bands: list[Band] = Field(min_length=2)
    basis: str = Field(min_length=10)

    @field_validator("bands")
    @classmethod
    def _ordered(cls, value: list[Band]) -> list[Band]:
        starts = [b.min for b in value]
        if starts[0] != 0 or starts != sorted(set(starts)):
            raise ValueError(f"bands must start at 0 and rise: {starts}")
        return value

    def band(self, score: int) -> Band:
        return [b for b in self.bands if b.min <= score][-1]


# What each jurisdiction's logic reads by name from its ruleset: the factor groups it scores and
# the descriptions of what is protectable or excluded. A ruleset without one fails to load.
GROUPS_NEEDED: dict[str, frozenset[str]] = {
    "CN": frozenset({"core", "human"}),
    "US": frozenset({"human"}),
    "EU": frozenset({"scored", "human"}),
    "UK": frozenset({"human"}),
}
TEXTS_NEEDED: dict[str, frozenset[str]] = {
    "CN": frozenset(
        {
            "protectable_image",
            "protectable_text",
            "protectable_compilation",
            "protectable_modifications",
            "excluded_generated",
            "kind_video",
            "kind_music",
            "kind_other",
        }
    ),
    "US": frozenset({"F6", "F7", "F8", "F9", "ai_material", "assisted_work"}),
    "EU": frozenset({"F6", "F7", "F8", "F9", "ai_material", "assisted_work"}),
    "UK": frozenset({"arrangements_maker"}),
}


class Ruleset(_Cites):
    id: str
    jurisdiction: Literal["CN", "US", "EU", "UK"]
    version: str
    effective_date: date
    name: Text
    sources: list[str] = Field(min_length=1)
    factors: dict[str, FactorRule]
    rules: dict[str, Rule]
    scale: Scale
    groups: dict[str, tuple[str, ...]]
    texts: dict[str, Text] = Field(
        description="Descriptions the logic states (what is protectable or excluded), uncited: "
        "the finding they go with cites."
    )

    @field_validator("factors")
    @classmethod
    def _codes(cls, value: dict[str, FactorRule]) -> dict[str, FactorRule]:
        unknown = sorted(set(value) - set(FACTOR_CODES))
        if unknown:
            raise ValueError(f"unknown factor codes: {unknown}")
        return value

    def number(self, name: str) -> float:
        """The value of rule ``name``, a threshold the jurisdiction's logic compares with."""
        value = self.rules[name].value
        if value is None:
            raise ValueError(f"Ruleset {self.id}: rule {name} has no value")
        return value

    @field_validator("rules")
    @classmethod
    def _named(cls, value: dict[str, Rule]) -> dict[str, Rule]:
        return {name: rule.model_copy(update={"name": name}) for name, rule in value.items()}

    @model_validator(mode="after")
    def _templates(self) -> "Ruleset":
        for code, factor in self.factors.items():
            check_template(factor.supports, FACTOR_PLACEHOLDERS, f"{self.id} {code} supports")
            check_template(factor.against, FACTOR_PLACEHOLDERS, f"{self.id} {code} against")
        for name, rule in self.rules.items():
            check_template(rule.text, RULE_PLACEHOLDERS.get(name, frozenset()), f"{self.id} {name}")
        for name, text in self.texts.items():
            check_template(text, frozenset(), f"{self.id} text {name}")
        for needed, have, what in (
            (GROUPS_NEEDED[self.jurisdiction], self.groups, "groups"),
            (TEXTS_NEEDED[self.jurisdiction], self.texts, "texts"),
        ):
            if missing := sorted(needed - set(have)):
                raise ValueError(f"{self.id}: {what} {missing} are missing")
        for name, codes in self.groups.items():
            if unknown := sorted(set(codes) - set(self.factors)):
                raise ValueError(f"{self.id}: group {name} names factors it has not: {unknown}")
        return self

    def entries(self) -> list[tuple[str, list[str], list[str]]]:
        factors = [(c, f.citations, f.pending_citations) for c, f in self.factors.items()]
        return [("sources", [], list(self.sources)), *factors, *_rule_entries(self.rules)]


class Number(_Strict):
    value: float
    basis: str = Field(min_length=10)


WhatIfId = Literal["records", "post_editing", "own_input", "localised", "arrangement", "author"]


class WhatIfRule(_Strict):
    """A fact that is missing or weak, supplied to see whether the verdict would change: the
    ``factor`` it concerns (not shown under the jurisdiction's threshold), and the condition."""

    id: WhatIfId
    factor: str = Field(pattern=r"^F[0-9]{1,2}$")
    condition: Text


# The numbers and texts the measuring code reads by name (a file without one fails to load).
MEASURE_NUMBERS = frozenset(
    {
        "perceptible_denoise_max",
        "own_input_repainted",
        "own_input_intake_only",
        "full_specificity_categories",
        "full_refinement_rounds",
        "full_parameter_controls",
        "full_localised_edits",
        "unexplained_selection",
        "edit_step_strength",
        "post_editing_none",
        "post_editing_minor",
        "post_editing_moderate",
        "post_editing_substantial",
        "conception_long_account",
        "conception_short_account",
        "conception_outline",
        "conception_mention",
        "records_full_steps",
        "records_not_contemporaneous",
        "records_not_reproducible",
        "records_no_embedded_metadata",
        "records_adequate",
        "confidence_low_unknown",
        "analogous_same_order_bonus",
        "analogous_min_shared_factors",
        "analogous_alike_within",
        "arrangement_bare_claim",
        "claimed_weight",
        "text_full_rewrite_share",
        "unrelated_change_share",
        "control_dominant_weight",
    }
)
# The numbers that are counts or lengths (a count is divided by them, or compared with them);
# every other number is a strength or a share, from 0 to 1.
MEASURE_DIVISORS = frozenset(
    {
        "full_specificity_categories",
        "full_refinement_rounds",
        "full_parameter_controls",
        "full_localised_edits",
        "conception_long_account",
        "conception_short_account",
        "records_full_steps",
        "confidence_low_unknown",
        "analogous_min_shared_factors",
        "text_full_rewrite_share",
        "control_dominant_weight",
    }
)
MEASURE_TEXTS: dict[str, frozenset[str]] = {
    "below_what_counts": frozenset({"name", "evidence"}),
    "author_unnamed": frozenset(),
    "claimed_ai_author": frozenset({"author"}),
    "claimant_unnamed": frozenset(),
    "claimed_rounds": frozenset({"count", "detail"}),
    "claimed_selection": frozenset({"count", "detail"}),
    "claimed_regional": frozenset({"count"}),
    "claimed_rewrite": frozenset({"share"}),
    "claimed_own_input": frozenset({"detail"}),
    "contradiction_rounds": frozenset({"count", "recorded"}),
    "assisted_contradicted": frozenset({"count"}),
    "after_final": frozenset({"count", "file"}),
    "claimed_editing": frozenset({"detail"}),
    "editing_hours": frozenset({"hours"}),
    "editing_files_kept": frozenset(),
    "editing_files_lost": frozenset(),
    "final_not_found": frozenset({"file"}),
    "not_assessed": frozenset({"country"}),
    "not_assessed_no_sources": frozenset({"country"}),
    "not_assessed_analogous": frozenset({"country"}),
    "dated_after_dispute": frozenset({"count", "total", "date"}),
    "possibly_unrelated": frozenset({"step", "share", "model"}),
    "fact_model": frozenset({"model"}),
    "fact_negative": frozenset({"text"}),
    "fact_lora": frozenset({"names"}),
    "fact_seed_held": frozenset({"seed"}),
    "fact_setting": frozenset({"name", "value", "default"}),
    "fact_defaults": frozenset(),
    "fact_revised": frozenset({"share", "prompt"}),
    "fact_params_changed": frozenset(),
    "fact_selected": frozenset({"names"}),
    "fact_selection_step": frozenset(),
    "fact_candidates": frozenset({"count"}),
    "fact_localised": frozenset({"action", "region"}),
    "fact_localised_bare": frozenset({"action"}),
    "fact_controlnet": frozenset({"units"}),
    "fact_mask": frozenset(),
    "fact_own_input": frozenset({"role", "name"}),
    "fact_own_input_denoise": frozenset({"role", "name", "denoise"}),
    "fact_own_inputs_yes": frozenset(),
    "fact_own_inputs_no": frozenset(),
    "fact_edit": frozenset({"note"}),
    "fact_trivial_edit": frozenset({"note"}),
    "fact_manual_edit": frozenset(),
    "fact_post_editing": frozenset({"detail"}),
    "fact_arrangement_step": frozenset({"note"}),
    "fact_arrangement_yes": frozenset(),
    "fact_arrangement_unsaid": frozenset(),
    "fact_arrangement_no": frozenset(),
    "fact_steps": frozenset({"steps", "stamped", "seeded", "modelled"}),
    "fact_c2pa_signed": frozenset(),
    "fact_made_after": frozenset(),
    "fact_typed": frozenset(),
    "fact_c2pa_ai": frozenset(),
    "fact_terms_user": frozenset(),
    "fact_terms_kept": frozenset(),
    "fact_labelled": frozenset(),
    "fact_not_labelled": frozenset(),
}


class EditTerms(_Strict):
    """Words that say what an edit or an arrangement was: trivial edits (not authorship), the
    removal of a label or watermark (a risk of its own), and what a described arrangement names."""

    basis: str = Field(min_length=20)
    trivial: list[str] = Field(min_length=1)
    creative: list[str] = Field(
        min_length=1, description="Words of making: a part that has one is never trivial."
    )
    removal_verbs: list[str] = Field(min_length=1)
    label_objects: list[str] = Field(min_length=1)
    arrangement_words: list[str] = Field(min_length=1)


class Measures(_Strict):
    """How the evidence is measured (``rulesets/measures.json``): the normalisers that turn counts
    into 0-1 strengths, the confidence thresholds, the factors' names and the what-if list, each
    number with the basis of its value."""

    id: str
    version: str
    effective_date: date
    name: Text
    numbers: dict[str, Number]
    factor_names: dict[str, Text]
    element_names: dict[str, Text] = Field(
        description="The categories of expressive elements a prompt fixes, as texts name them."
    )
    texts: dict[str, Text]
    what_if: list[WhatIfRule]
    edit_terms: EditTerms
    countries: dict[str, Text] = Field(
        description="Countries the app does not assess, by ISO 3166 code, as texts name them."
    )

    @model_validator(mode="after")
    def _complete(self) -> "Measures":
        if missing := sorted(MEASURE_NUMBERS - set(self.numbers)):
            raise ValueError(f"{self.id}: numbers {missing} are missing")
        if missing := sorted(set(FACTOR_CODES) - set(self.factor_names)):
            raise ValueError(f"{self.id}: factor names {missing} are missing")
        for name, allowed in MEASURE_TEXTS.items():
            if name not in self.texts:
                raise ValueError(f"{self.id}: text {name} is missing")
            check_template(self.texts[name], allowed, f"{self.id} text {name}")
        for item in self.what_if:
            check_template(item.condition, frozenset({"value"}), f"{self.id} what-if {item.id}")
        for name, number in self.numbers.items():
            if name in MEASURE_DIVISORS and number.value <= 0:
                raise ValueError(f"{self.id}: {name} divides a count and must be above 0")
            if name not in MEASURE_DIVISORS and not 0 <= number.value <= 1:
                raise ValueError(f"{self.id}: {name} is a strength or share, from 0 to 1")
        return self

    def number(self, name: str) -> float:
        return self.numbers[name].value


@cache
def measures() -> Measures:
    return Measures.model_validate_json((RULESET_DIR / "measures.json").read_bytes())


Setting = Literal["steps", "cfg_scale", "sampler", "scheduler", "width", "height", "denoise"]


class ToolDefaults(_Strict):
    """One tool's shipped defaults: a recorded value equal to them shows no deliberate choice."""

    names: list[str] = Field(min_length=1)
    version_prefixes: list[str] = Field(
        default_factory=list, description="Versions the defaults hold for; none: every version."
    )
    defaults: dict[Setting, float | str]
    default_models: list[str] = Field(default_factory=list)
    default_prompts: list[str] = Field(
        default_factory=list, description="Prompts the tool fills in itself: not the user's."
    )
    default_negatives: list[str] = Field(
        default_factory=list, description="Negative prompts the tool fills in: not a choice."
    )
    model_is_a_choice: bool = True
    source: str = Field(min_length=20)

    def covers(self, tool: str | None, version: str | None) -> bool:
        if tool is None or tool.casefold() not in {n.casefold() for n in self.names}:
            return False
        if not self.version_prefixes:
            return True
        return version is not None and version.startswith(tuple(self.version_prefixes))


MAX_TOOLS_SEEN = 256  # (tool, version) pairs whose defaults are remembered


class ToolDefaultsTable(_Strict):
    id: str
    version: str
    basis: str = Field(min_length=20)
    tools: list[ToolDefaults]

    _seen: dict[tuple[str | None, str | None], ToolDefaults | None] = PrivateAttr(
        default_factory=dict
    )

    def of(self, tool: str | None, version: str | None) -> ToolDefaults | None:
        """The defaults of ``tool`` at ``version`` (asked for every step: looked up once)."""
        key = (tool, version)
        if key in self._seen:
            return self._seen[key]
        found = next((t for t in self.tools if t.covers(tool, version)), None)
        if len(self._seen) < MAX_TOOLS_SEEN:  # versions come from users' files: bounded
            self._seen[key] = found
        return found


@cache
def tool_defaults() -> ToolDefaultsTable:
    return ToolDefaultsTable.model_validate_json((RULESET_DIR / "tool_defaults.json").read_bytes())


RiskLevel = Literal["none", "low", "medium", "high"]
FlagKind = Literal[
    "prompt", "lora", "model", "file_name", "input", "third_party_input", "described", "near_copy"
]


EntryKind = Literal["character", "artwork", "brand", "artist"]
WhereFound = Literal["prompt", "lora", "model", "file_name", "input"]


FlagLevel = Literal["low", "medium", "high"]


class ThirdPartyLevels(_Strict):
    dominant: FlagLevel
    weak: FlagLevel
    unmeasured: FlagLevel


class ScreenLevels(_Strict):
    """The risk a match raises, by what was matched and where it was found, with the basis."""

    by_kind: dict[FlagKind, FlagLevel]
    by_entry_kind: dict[EntryKind, dict[WhereFound, FlagLevel]]
    third_party: ThirdPartyLevels
    basis: str = Field(min_length=10)

    @field_validator("by_kind")
    @classmethod
    def _every_kind(cls, value: dict[FlagKind, FlagLevel]) -> dict[FlagKind, FlagLevel]:
        kinds: tuple[str, ...] = FlagKind.__args__  # type: ignore[attr-defined]
        if missing := sorted(set(kinds) - set(value)):
            raise ValueError(f"no risk level for {missing}")
        return value


# What a flag is about: the topics the screen has authority for, per jurisdiction.
SCREEN_TOPICS = (
    "protected_work",
    "described",
    "brand",
    "style",
    "third_party_input",
    "near_copy",
    "commercial",
    "parody",
)
ScreenTopic = Literal[
    "protected_work",
    "described",
    "brand",
    "style",
    "third_party_input",
    "near_copy",
    "commercial",
    "parody",
]
SCREEN_JURISDICTIONS = ("CN", "US", "EU", "UK")
# The screen's uncited texts and the values each is filled with.
SCREEN_TEXTS: dict[str, frozenset[str]] = {
    "entry_named": frozenset(),
    "entry_principle": frozenset({"work"}),
    "near_copy_near": frozenset({"distance", "final", "other"}),
    "near_copy_similar": frozenset({"distance", "final", "other"}),
    "near_copy_far": frozenset({"distance", "final", "other"}),
}
ScreenJurisdiction = Literal["CN", "US", "EU", "UK"]
# How an authority that has no decision on point says so (the loader checks): "No … decision"
# in English, 没有 in Chinese.
NOT_ON_POINT = (re.compile(r"\bNo\b[^.]*\bdecision"), "没有")


class ScreenAuthority(_Strict):
    """What one jurisdiction's decisions say on one topic of the screen. ``on_point``: a decision
    (perhaps on appeal, or a pending matter listed as pending) deals with the point; otherwise the
    text says plainly that no decision is on point there. ``citations`` are decided authority,
    ``pending_citations`` matters not finally decided (cited as such)."""

    on_point: bool
    text: Text
    citations: list[str] = Field(default_factory=list)
    pending_citations: list[str] = Field(default_factory=list)
    basis: str = Field(min_length=10)

    @model_validator(mode="after")
    def _says_what_it_has(self) -> "ScreenAuthority":
        if self.on_point and not (self.citations or self.pending_citations):
            raise ValueError("an authority on point cites the decision that is")
        if not self.on_point and not (
            NOT_ON_POINT[0].search(self.text.en) and NOT_ON_POINT[1] in self.text.zh
        ):
            raise ValueError(
                "an authority not on point says so: 'No … decision' in English, 没有 in Chinese"
            )
        return self


class ScreenPurposes(_Strict):
    """How the purpose of the use bears on the screen: the purposes that are commercial
    exploitation, the topics whose level they raise (those the decisions punished for it), and
    the purposes that are stated with the law that may apply but never lower a risk."""

    commercial: tuple[PurposeCategory, ...]
    raises: tuple[ScreenTopic, ...]
    stated: tuple[PurposeCategory, ...]
    names: dict[PurposeCategory, Text]
    basis: str = Field(min_length=10)


class ScreenRules(_Cites):
    """What the infringement screen says and cites (``rulesets/screen.json``)."""

    id: str
    version: str
    effective_date: date
    name: Text
    rules: dict[str, Rule]
    levels: ScreenLevels
    authorities: dict[ScreenTopic, dict[ScreenJurisdiction, ScreenAuthority]]
    purposes: ScreenPurposes
    near_copy: "NearCopy"
    texts: dict[str, Text] = Field(description="Uncited texts the screen fills in (notes).")

    @field_validator("texts")
    @classmethod
    def _texts(cls, value: dict[str, Text]) -> dict[str, Text]:
        for name, fields in SCREEN_TEXTS.items():
            if name not in value:
                raise ValueError(f"the screen needs the text {name!r}")
            check_template(value[name], fields, f"screen text {name}")
        return value

    @field_validator("authorities")
    @classmethod
    def _every_topic_everywhere(
        cls, value: dict[str, dict[str, ScreenAuthority]]
    ) -> dict[str, dict[str, ScreenAuthority]]:
        if missing := sorted(set(SCREEN_TOPICS) - set(value)):
            raise ValueError(f"no authorities for the topics {missing}")
        for topic, by_jurisdiction in value.items():
            if missing := sorted(set(SCREEN_JURISDICTIONS) - set(by_jurisdiction)):
                raise ValueError(f"topic {topic}: no authority for {missing}")
        return value

    @field_validator("rules")
    @classmethod
    def _needed(cls, value: dict[str, Rule]) -> dict[str, Rule]:
        needed = {"flags", "clear", "third_party_input", "style", "described", "brand"}
        needed |= {"near_copy", "purpose_commercial", "purpose_parody"}
        missing = sorted(needed - set(value))
        if missing:
            raise ValueError(f"the screen needs the rules {missing}")
        for name, rule in value.items():
            check_template(rule.text, RULE_PLACEHOLDERS.get(name, frozenset()), f"screen {name}")
        return value

    def entries(self) -> list[tuple[str, list[str], list[str]]]:
        return _rule_entries(self.rules) + [
            (f"authority {topic} {code}", a.citations, a.pending_citations)
            for topic, by_jurisdiction in self.authorities.items()
            for code, a in by_jurisdiction.items()
        ]


class NearCopy(_Strict):
    """Perceptual-hash distances (64-bit hashes, 0 = same picture) and what they mean."""

    near_max: int = Field(ge=0, le=64, description="At or below: a near-copy.")
    similar_max: int = Field(ge=0, le=64, description="At or below: visibly alike, worth a look.")
    basis: str = Field(min_length=10)

    @model_validator(mode="after")
    def _ordered(self) -> "NearCopy":
        if self.near_max > self.similar_max:
            raise ValueError("near_max must not exceed similar_max")
        return self


ScreenRules.model_rebuild()


@cache
def screen_rules() -> ScreenRules:
    return ScreenRules.model_validate_json((RULESET_DIR / "screen.json").read_bytes())


class MissingCitation(ApplicationError, ValueError):
    """The library no longer holds what a ruleset cites; the web layer answers 409 with this."""

    code = "ruleset_citation_missing"
    status = 409
    hint = "run: python manage.py load_caselaw"


@cache
def _read(jurisdiction: str) -> Ruleset:
    path = RULESET_DIR / f"{jurisdiction.lower()}.json"
    return Ruleset.model_validate_json(path.read_bytes())


def ruleset_id(jurisdiction: str) -> str:
    """The id (and version) of the jurisdiction's ruleset as it stands."""
    return _read(jurisdiction).id


# Proceeding statuses whose outcome is not final (cases.library.OPEN_PROCEEDINGS; the core keeps
# its own copy so that it imports nothing from the Django side).
OPEN_PROCEEDINGS = frozenset({"pending", "on_appeal"})


class PendingCitedAsAuthority(MissingCitation):
    pass


def load_ruleset(jurisdiction: str, library: Mapping[str, str] | AbstractSet[str]) -> Ruleset:
    """The jurisdiction's ruleset file, checked against the published library."""
    return check_ruleset(_read(jurisdiction), library)


Checked = TypeVar("Checked", Ruleset, ScreenRules)


def check_ruleset(ruleset: Checked, library: Mapping[str, str] | AbstractSet[str]) -> Checked:
    """``ruleset`` when its citations hold: ``library`` maps each published slug to its
    proceeding status (a plain set of slugs counts every one as decided).

    Refused: a citation of a decision that is not published; a matter still pending or on appeal
    cited as authority for a finding or rule (it may only be cited under ``pending_citations``);
    and a decided matter listed as pending."""
    statuses = library if isinstance(library, Mapping) else dict.fromkeys(library, "decided")
    missing = sorted(ruleset.citations() - set(statuses))
    if missing:
        raise MissingCitation(
            f"Ruleset {ruleset.id} cites decisions missing from the published library: "
            + ", ".join(missing)
        )
    as_authority = [
        f"{slug} ({', '.join(places)})"
        for slug, places in sorted(ruleset.authority_citations().items())
        if statuses[slug] in OPEN_PROCEEDINGS
    ]
    if as_authority:
        raise PendingCitedAsAuthority(
            f"Ruleset {ruleset.id} cites matters not finally decided as authority: "
            + ", ".join(as_authority)
            + "; cite them under pending_citations"
        )
    not_pending = sorted(s for s in ruleset.pending_only() if statuses[s] not in OPEN_PROCEEDINGS)
    if not_pending:
        raise PendingCitedAsAuthority(
            f"Ruleset {ruleset.id} lists decided matters as pending: " + ", ".join(not_pending)
        )
    return ruleset


JURISDICTION_RULESETS = ("CN", "US", "EU", "UK")


def all_rulesets() -> list[Ruleset]:
    """Every jurisdiction's ruleset, unchecked (for questions about the files, such as what cites
    a case)."""
    return [_read(code) for code in JURISDICTION_RULESETS]


def rulesets_citing(slugs: set[str] | frozenset[str], *, as_authority: bool = False) -> list[str]:
    """Where the rulesets (and the screen) cite any of ``slugs``: "CN-2026.1 (F2, rule
    ownership)" per ruleset; with ``as_authority``, only citations for a finding or rule."""
    found = []
    sets: list[Ruleset | ScreenRules] = [*all_rulesets(), screen_rules()]
    for ruleset in sets:
        places = ruleset.authority_citations() if as_authority else ruleset.places()
        cited = [place for slug in sorted(slugs) for place in places.get(slug, [])]
        if cited:
            found.append(f"{ruleset.id} ({', '.join(dict.fromkeys(cited))})")
    return found


def load_rulesets(
    jurisdictions: tuple[str, ...] | list[str], library: Mapping[str, str] | AbstractSet[str]
) -> dict[str, Ruleset]:
    return {j: load_ruleset(j, library) for j in jurisdictions}

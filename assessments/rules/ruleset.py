"""Rulesets as data: per jurisdiction, each factor's weight and threshold, its rationale in
English and Chinese, the decisions it rests on, and the basis of the weight in words.

Loading validates with pydantic (unknown keys refused) and checks every cited slug against the
published case library; a ruleset that cites a missing decision fails loudly.
"""

from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

RULESET_DIR = Path(__file__).resolve().parent / "rulesets"
FACTOR_CODES = tuple(f"F{n}" for n in range(1, 15))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    en: str = Field(min_length=1)
    zh: str = Field(min_length=1)


class FactorRule(_Strict):
    weight: float = Field(ge=0, le=100, description="Points at full strength.")
    threshold: float = Field(default=0.5, ge=0, le=1, description="Strength that counts as shown.")
    basis: str = Field(min_length=10, description="The decision or guidance the weight comes from.")
    supports: Text = Field(
        description="Rationale when the factor is shown; {evidence} is the quote."
    )
    against: Text = Field(description="Rationale when it is not shown.")
    citations: list[str] = Field(min_length=1)


class Rule(_Strict):
    """A gate, threshold or statement the jurisdiction's logic uses by name."""

    text: Text
    citations: list[str] = Field(min_length=1)
    value: float | None = None
    basis: str = Field(min_length=10)


class Ruleset(_Strict):
    id: str
    jurisdiction: Literal["CN", "US", "EU", "UK"]
    version: str
    effective_date: date
    name: Text
    sources: list[str] = Field(min_length=1)
    factors: dict[str, FactorRule]
    rules: dict[str, Rule]

    @field_validator("factors")
    @classmethod
    def _codes(cls, value: dict[str, FactorRule]) -> dict[str, FactorRule]:
        unknown = sorted(set(value) - set(FACTOR_CODES))
        if unknown:
            raise ValueError(f"unknown factor codes: {unknown}")
        return value

    def citations(self) -> set[str]:
        cited = set(self.sources)
        for factor in self.factors.values():
            cited |= set(factor.citations)
        for rule in self.rules.values():
            cited |= set(rule.citations)
        return cited


class MissingCitation(ValueError):
    pass


@cache
def _read(jurisdiction: str) -> Ruleset:
    path = RULESET_DIR / f"{jurisdiction.lower()}.json"
    return Ruleset.model_validate_json(path.read_bytes())


def load_ruleset(jurisdiction: str, known_slugs: frozenset[str] | set[str]) -> Ruleset:
    ruleset = _read(jurisdiction)
    missing = sorted(ruleset.citations() - set(known_slugs))
    if missing:
        raise MissingCitation(
            f"Ruleset {ruleset.id} cites decisions missing from the published library: "
            + ", ".join(missing)
        )
    return ruleset


def load_rulesets(
    jurisdictions: tuple[str, ...] | list[str], known_slugs: frozenset[str] | set[str]
) -> dict[str, Ruleset]:
    return {j: load_ruleset(j, known_slugs) for j in jurisdictions}

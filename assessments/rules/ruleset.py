"""Rulesets as data: per jurisdiction, each factor's weight and threshold, its rationale in
English and Chinese, the decisions it rests on, and the basis of the weight in words.

Loading validates with pydantic (unknown keys refused) and checks every cited slug against the
published case library; a ruleset that cites a missing decision fails loudly.
"""

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
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
    pending_citations: list[str] = Field(
        default_factory=list,
        description="Matters not finally decided, cited only as pending, never for the holding.",
    )


class Rule(_Strict):
    """A gate, threshold or statement the jurisdiction's logic uses by name."""

    text: Text
    citations: list[str] = Field(min_length=1)
    pending_citations: list[str] = Field(
        default_factory=list,
        description="Matters not finally decided, cited only as pending, never for the holding.",
    )
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

    def number(self, name: str) -> float:
        """The value of rule ``name``, a threshold the jurisdiction's logic compares with."""
        value = self.rules[name].value
        if value is None:
            raise ValueError(f"Ruleset {self.id}: rule {name} has no value")
        return value

    def citations(self) -> set[str]:
        return set(self.places())

    def places(self) -> dict[str, list[str]]:
        """Every cited slug with the places that cite it ("F2", "rule cgw", "sources")."""
        found: dict[str, list[str]] = {}
        for slug in self.sources:
            found.setdefault(slug, []).append("sources")
        for code, factor in self.factors.items():
            for slug in [*factor.citations, *factor.pending_citations]:
                found.setdefault(slug, []).append(code)
        for name, rule in self.rules.items():
            for slug in [*rule.citations, *rule.pending_citations]:
                found.setdefault(slug, []).append(f"rule {name}")
        return found

    def authority_citations(self) -> dict[str, list[str]]:
        """The slugs cited as authority for a finding or rule (not as pending), with places."""
        found: dict[str, list[str]] = {}
        for code, factor in self.factors.items():
            for slug in factor.citations:
                found.setdefault(slug, []).append(code)
        for name, rule in self.rules.items():
            for slug in rule.citations:
                found.setdefault(slug, []).append(f"rule {name}")
        return found

    def pending_only(self) -> set[str]:
        cited = {s for f in self.factors.values() for s in f.pending_citations}
        return cited | {s for r in self.rules.values() for s in r.pending_citations}


class MissingCitation(ValueError):
    pass


@cache
def _read(jurisdiction: str) -> Ruleset:
    path = RULESET_DIR / f"{jurisdiction.lower()}.json"
    return Ruleset.model_validate_json(path.read_bytes())


# Proceeding statuses whose outcome is not final (cases.library.OPEN_PROCEEDINGS; the core keeps
# its own copy so that it imports nothing from the Django side).
OPEN_PROCEEDINGS = frozenset({"pending", "on_appeal"})


class PendingCitedAsAuthority(MissingCitation):
    pass


def load_ruleset(jurisdiction: str, library: Mapping[str, str] | AbstractSet[str]) -> Ruleset:
    """The jurisdiction's ruleset file, checked against the published library."""
    return check_ruleset(_read(jurisdiction), library)


def check_ruleset(ruleset: Ruleset, library: Mapping[str, str] | AbstractSet[str]) -> Ruleset:
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


def all_rulesets() -> list[Ruleset]:
    """Every ruleset file, unchecked (for questions about the files, such as what cites a case)."""
    return [_read(path.stem) for path in sorted(RULESET_DIR.glob("*.json"))]


def rulesets_citing(slugs: set[str] | frozenset[str]) -> list[str]:
    """Where the rulesets cite any of ``slugs``: "CN-2025.2 (F2, rule ownership)" per ruleset."""
    found = []
    for ruleset in all_rulesets():
        places = ruleset.places()
        cited = [place for slug in sorted(slugs) for place in places.get(slug, [])]
        if cited:
            found.append(f"{ruleset.id} ({', '.join(dict.fromkeys(cited))})")
    return found


def load_rulesets(
    jurisdictions: tuple[str, ...] | list[str], library: Mapping[str, str] | AbstractSet[str]
) -> dict[str, Ruleset]:
    return {j: load_ruleset(j, library) for j in jurisdictions}

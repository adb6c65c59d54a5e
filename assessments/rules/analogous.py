"""The published decisions nearest to this evidence, by factor profile.

A decision's profile is how it treated each factor (supports protection = 1, against = 0); the
evidence's is each factor's strength. Similarity is one minus the mean distance over the factors
the decision treated, with a bonus for the same legal order.
"""

from pydantic import BaseModel, ConfigDict

from .evidence import Evidence
from .result import AnalogousCase
from .ruleset import measures


class CaseProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    slug: str
    jurisdiction: str
    outcome: str
    treatments: dict[str, float]


def _order(jurisdiction: str) -> str:
    return "EU" if jurisdiction in ("CZ", "DE", "EU") else jurisdiction


def analogous(
    evidence: Evidence, profiles: list[CaseProfile], jurisdictions: list[str], limit: int = 5
) -> list[AnalogousCase]:
    ranked = []
    bonus = measures().number("analogous_same_order_bonus")
    least = measures().number("analogous_min_shared_factors")
    within = measures().number("analogous_alike_within")
    for profile in profiles:
        shared = [
            (code, v)
            for code, v in profile.treatments.items()
            if code in _FIELDS and evidence.factor(code).value is not None
        ]
        if len(shared) < least:
            continue
        gaps = [abs((evidence.factor(code).value or 0.0) - v) for code, v in shared]
        distance = sum(gaps) / len(gaps)
        similarity = 1 - distance + (bonus if _order(profile.jurisdiction) in jurisdictions else 0)
        alike = [c for c, v in shared if abs(evidence.factor(c).value - v) <= within]  # type: ignore[operator]
        differ = [c for c, v in shared if abs(evidence.factor(c).value - v) > within]  # type: ignore[operator]
        reason = (
            "alike on "
            + (", ".join(alike) or "—")
            + ("; differs on " + ", ".join(differ) if differ else "")
        )
        ranked.append(
            AnalogousCase(
                slug=profile.slug,
                similarity=round(min(similarity, 1.0), 3),
                reason=f"{reason} ({profile.outcome})",
                alike=alike,
                differs=differ,
                outcome=profile.outcome,
            )
        )
    ranked.sort(key=lambda a: (-a.similarity, a.slug))
    return ranked[:limit]


_FIELDS = {f"F{n}" for n in range(1, 13)}

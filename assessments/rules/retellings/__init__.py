"""Decided cases retold as the files and intake a user would submit, run through the pipeline
(``parse`` -> ``extract_evidence`` -> ``assess``) that a user's files go through.

Each folder holds a case's files, in the form of the evidence the tribunal had (a tool's own
records where the court saw them, a typed account where that is all there was), its intake, a
manifest (``retelling.json``) with the verdict the decision requires and a note of how each fact
was mapped, and a variant that changes the decisive fact and must move the verdict the way the
decision's reasoning says. The variants are what keeps a retelling from being tuned until it
agrees: the same rules must give both answers.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessments.creation_logs import CreationLog, parse

from ..engine import assess
from ..evidence import extract_evidence
from ..intake import Intake
from ..result import Verdict
from ..ruleset import Ruleset, load_rulesets

HERE = Path(__file__).resolve().parent
# How strong a verdict is, for "the variant moves higher / lower".
STRENGTH: dict[str, int] = {
    "not_protectable": 0,
    "uncertain": 1,
    "partially_protectable": 2,
    "protectable": 3,
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Direction(_Strict):
    direction: Literal["higher", "lower"]


class Variant(_Strict):
    change: str = Field(min_length=10, description="The decisive fact changed, in words.")
    files: list[str] = []
    intake: str
    expected: Verdict | Direction


class Retelling(_Strict):
    slug: str
    jurisdiction: Literal["CN", "US", "EU", "UK"]
    expected: Verdict
    files: list[str] = []
    intake: str
    mapping: list[str] = Field(min_length=1, description="How each fact of the case was mapped.")
    variant: Variant
    known_disagreement: str | None = Field(
        default=None,
        min_length=20,
        description=(
            "Why the faithful retelling does not yet come out as decided: a defect of the rules, "
            "reported as such and never counted as agreement."
        ),
    )


@dataclass(frozen=True)
class Outcome:
    slug: str
    jurisdiction: str
    expected: str
    verdict: str
    score: int
    variant_change: str
    variant_expected: str
    variant_verdict: str
    variant_score: int
    known_disagreement: str | None = None

    @property
    def agrees(self) -> bool:
        return self.verdict == self.expected

    @property
    def variant_moves(self) -> bool:
        """The variant gives the verdict its decision's reasoning implies."""
        if self.variant_expected in STRENGTH:
            return self.variant_verdict == self.variant_expected
        before, after = STRENGTH[self.verdict], STRENGTH[self.variant_verdict]
        return after > before if self.variant_expected == "higher" else after < before


def folders(root: Path = HERE) -> list[Path]:
    return sorted(p.parent for p in root.glob("*/retelling.json"))


def _logs(folder: Path, names: list[str]) -> list[CreationLog]:
    return [parse((folder / name).read_bytes(), Path(name).name) for name in names]


def _intake(folder: Path, name: str) -> Intake:
    return Intake.model_validate(json.loads((folder / name).read_text(encoding="utf-8")))


def _verdict(folder: Path, files: list[str], intake: str, ruleset: Ruleset) -> tuple[str, int]:
    evidence = extract_evidence(_intake(folder, intake), _logs(folder, files))
    result = assess(evidence, ruleset, with_what_if=False)
    return result.verdict, result.score


def run_one(folder: Path, rulesets: dict[str, Ruleset] | None = None) -> Outcome:
    """The retelling in ``folder`` and its variant, assessed under the case's ruleset. Without
    ``rulesets``, they are read against the library file shipped with the project."""
    told = Retelling.model_validate_json((folder / "retelling.json").read_bytes())
    if rulesets is None:
        rulesets = load_rulesets((told.jurisdiction,), shipped_statuses())
    ruleset = rulesets[told.jurisdiction]
    verdict, score = _verdict(folder, told.files, told.intake, ruleset)
    variant = told.variant
    variant_verdict, variant_score = _verdict(folder, variant.files, variant.intake, ruleset)
    expected = variant.expected
    return Outcome(
        slug=told.slug,
        jurisdiction=told.jurisdiction,
        expected=told.expected,
        verdict=verdict,
        score=score,
        variant_change=variant.change,
        variant_expected=expected if isinstance(expected, str) else expected.direction,
        variant_verdict=variant_verdict,
        variant_score=variant_score,
        known_disagreement=told.known_disagreement,
    )


def shipped_statuses() -> dict[str, str]:
    """Each decision of the shipped library file with its proceeding status."""
    library = HERE.parents[2] / "cases" / "fixtures" / "caselaw.json"
    cases = json.loads(library.read_text(encoding="utf-8"))["cases"]
    return {c["slug"]: c["proceeding_status"] for c in cases}


def run_all(rulesets: dict[str, Ruleset] | None = None) -> list[Outcome]:
    return [run_one(folder, rulesets) for folder in folders()]

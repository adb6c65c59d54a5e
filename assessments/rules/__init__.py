"""The rules engine (pure: no Django): evidence, per-jurisdiction verdicts, citations."""

from .analogous import CaseProfile
from .engine import assess, assess_all, evidence_record
from .evidence import Evidence, extract_evidence
from .infringement import LexiconEntry, Screen
from .intake import JURISDICTIONS, Intake
from .result import Result
from .ruleset import MissingCitation, Ruleset, load_ruleset, load_rulesets

__all__ = [
    "JURISDICTIONS",
    "CaseProfile",
    "Evidence",
    "Intake",
    "LexiconEntry",
    "MissingCitation",
    "Result",
    "Ruleset",
    "Screen",
    "assess",
    "assess_all",
    "evidence_record",
    "extract_evidence",
    "load_ruleset",
    "load_rulesets",
]

"""Running the pure rules engine with what the database knows (published decisions, lexicon)."""

from cases import selectors as case_selectors

from .creation_logs import CreationLog
from .rules import (
    CaseProfile,
    Intake,
    LexiconEntry,
    Result,
    Screen,
    assess_all,
    extract_evidence,
    load_rulesets,
)
from .rules.result import cited_slugs
from .rules.ruleset import check_ruleset, screen_rules


def result_build(*, logs: list[CreationLog], intake: Intake) -> Result:
    """Evidence from the logs and the intake, assessed under each jurisdiction the intake names."""
    statuses = case_selectors.published_statuses()
    rulesets = load_rulesets(tuple(intake.jurisdictions), statuses)
    screen = Screen(
        [LexiconEntry(**entry) for entry in case_selectors.lexicon()],
        check_ruleset(screen_rules(), statuses),
    )
    profiles = [CaseProfile(**p) for p in case_selectors.case_profiles()]
    evidence = extract_evidence(intake, logs)
    files = [f for log in logs for f in log.files]
    result = assess_all(
        evidence,
        rulesets,
        screen=screen,
        profiles=profiles,
        files=files,
        sources=case_selectors.published_by_jurisdiction(),
    )
    return result.model_copy(
        update={"authorities": case_selectors.authorities(cited_slugs(result))}
    )

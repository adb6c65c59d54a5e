"""What the rulesets may cite: published decisions only, and a matter not finally decided only as
pending, never as authority for a finding."""

import json

import pytest

from assessments.rules.ruleset import (
    FactorRule,
    MissingCitation,
    PendingCitedAsAuthority,
    all_rulesets,
    check_ruleset,
    load_rulesets,
    rulesets_citing,
)
from cases.services import DEFAULT_LIBRARY_PATH


@pytest.fixture(scope="module")
def statuses() -> dict[str, str]:
    data = json.loads(DEFAULT_LIBRARY_PATH.read_text(encoding="utf-8"))
    return {c["slug"]: c["proceeding_status"] for c in data["cases"]}


def test_the_shipped_rulesets_hold_against_the_shipped_library(statuses):
    rulesets = load_rulesets(("CN", "US", "EU", "UK"), statuses)
    assert set(rulesets) == {"CN", "US", "EU", "UK"}


def test_a_pending_matter_cited_as_authority_is_refused(statuses):
    cn = next(r for r in all_rulesets() if r.jurisdiction == "CN")
    assert statuses["us-allen-v-perlmutter"] == "pending"
    f4 = cn.factors["F4"]
    cited = f4.supports.model_copy(
        update={"citations": [*f4.supports.citations, "us-allen-v-perlmutter"]}
    )
    bad = cn.model_copy(
        update={"factors": {**cn.factors, "F4": f4.model_copy(update={"supports": cited})}}
    )
    with pytest.raises(PendingCitedAsAuthority, match="us-allen-v-perlmutter .F4."):
        check_ruleset(bad, statuses)


def test_a_pending_matter_may_be_cited_as_pending(statuses):
    cn = next(r for r in all_rulesets() if r.jurisdiction == "CN")
    f4: FactorRule = cn.factors["F4"]
    as_pending = f4.model_copy(update={"pending_citations": ["us-allen-v-perlmutter"]})
    ok = cn.model_copy(update={"factors": {**cn.factors, "F4": as_pending}})
    assert check_ruleset(ok, statuses) is ok
    decided = f4.model_copy(update={"pending_citations": ["cn-bic-li-v-liu-2023"]})
    wrong = cn.model_copy(update={"factors": {**cn.factors, "F4": decided}})
    with pytest.raises(PendingCitedAsAuthority, match="lists decided matters as pending"):
        check_ruleset(wrong, statuses)


def test_an_unpublished_citation_is_refused(statuses):
    cn = next(r for r in all_rulesets() if r.jurisdiction == "CN")
    without = {s: v for s, v in statuses.items() if s != "cn-bic-li-v-liu-2023"}
    with pytest.raises(MissingCitation, match="cn-bic-li-v-liu-2023"):
        check_ruleset(cn, without)


def test_what_cites_a_decision_names_the_ruleset_and_the_places():
    citing = rulesets_citing({"uk-nova-v-mazooma-2006"})
    assert len(citing) == 1 and citing[0].startswith("UK-")
    assert "F10" in citing[0] and "rule ownership" in citing[0]
    assert rulesets_citing({"in-raghav-suryast"}) == []


def test_the_uk_ruleset_cites_the_statute_and_the_case_each_for_what_it_says():
    uk = next(r for r in all_rulesets() if r.jurisdiction == "UK")
    places = uk.places()
    assert "uk-cdpa-s9-3-nova" not in places
    assert "rule cgw" in places["uk-cdpa-1988-s9-3"]
    assert places["uk-nova-v-mazooma-2006"] == [
        "sources",
        "F10",
        "rule ownership",
        "rule keep_records",
    ]


@pytest.mark.parametrize(
    "en, zh, problem",
    [
        ("The prompts fix {elemnts}.", "提示词确定了{elemnts}。", "unknown placeholders"),
        ("The prompts fix {elements}.", "提示词确定了要素。", "Chinese"),
        ("The prompts fix {elements.", "提示词确定了{elements。", "broken template"),
    ],
)
def test_a_broken_template_fails_to_load(en, zh, problem):
    from pydantic import ValidationError

    from assessments.rules.ruleset import RULESET_DIR, Ruleset

    data = json.loads((RULESET_DIR / "cn.json").read_text(encoding="utf-8"))
    data["factors"]["F2"]["supports"] = {"en": en, "zh": zh, "citations": ["cn-bic-li-v-liu-2023"]}
    with pytest.raises(ValidationError, match=problem):
        Ruleset.model_validate(data)

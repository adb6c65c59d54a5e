"""Countries the app has no ruleset for are named as not assessed, never answered (issue: the
UK and EU on their own law; Japan, Korea, India named where the intake or the library makes them
relevant)."""

import pytest
from pydantic import ValidationError

from assessments.rules import assess_all, extract_evidence
from assessments.rules.analogous import CaseProfile

from .conftest import intake, li_v_liu_like


@pytest.fixture(scope="module")
def sources(library_data) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for case in sorted(library_data["cases"], key=lambda c: c["slug"]):
        found.setdefault(case["jurisdiction"], []).append(case["slug"])
    return found


def _result(answers, rulesets, screen, profiles, sources):
    evidence = extract_evidence(intake(**answers), [li_v_liu_like()])
    return assess_all(
        evidence, rulesets, screen=screen, profiles=profiles, files=[], sources=sources
    )


def test_a_country_the_intake_names_is_not_assessed_and_cites_the_librarys_sources(
    rulesets, screen, profiles, sources
):
    result = _result({"other_jurisdictions": ["JP", "HK"]}, rulesets, screen, profiles, sources)
    japan, hong_kong = result.not_assessed
    assert japan.jurisdiction == "JP" and japan.name == "Japan" and japan.name_zh == "日本"
    assert japan.text.startswith("Japan is not assessed")
    assert "jp-aca-general-understanding-2024" in japan.citations
    assert "未评估日本" in japan.text_zh
    # No source in the library: said so, nothing cited.
    assert hong_kong.citations == [] and "holds no source" in hong_kong.text
    # It is never given a verdict, and the sources are among the report's authorities.
    assert "JP" not in result.jurisdictions
    from assessments.rules.result import cited_slugs

    assert "jp-aca-general-understanding-2024" in cited_slugs(result)


def test_without_a_named_country_nothing_is_listed(rulesets, screen, profiles, sources):
    assert _result({}, rulesets, screen, profiles, sources).not_assessed == []


def test_a_country_is_listed_when_the_closest_decision_comes_from_there(rulesets, screen, sources):
    """The library makes a country relevant: the source closest to the facts is from there."""
    korea = CaseProfile(
        slug="kr-mcst-kcc-guides",
        jurisdiction="KR",
        outcome="guidance",
        treatments={"F2": 1.0, "F3": 1.0, "F4": 1.0, "F5": 1.0},
    )
    result = _result({}, rulesets, screen, [korea], sources)
    assert [c.slug for c in result.analogous_cases] == ["kr-mcst-kcc-guides"]
    (listed,) = result.not_assessed
    assert listed.jurisdiction == "KR" and "closest to this work's facts" in listed.text


def test_an_unknown_country_code_is_refused_by_name():
    with pytest.raises(ValidationError, match="countries not known: \\['XX'\\]"):
        intake(other_jurisdictions=["XX"])


@pytest.mark.parametrize(
    ("language", "heading", "text"),
    [
        ("en", "Countries not assessed", "Japan is not assessed"),
        ("zh", "未评估的法域", "未评估日本"),
    ],
)
def test_the_report_names_them_with_their_sources(
    rulesets, screen, profiles, sources, language, heading, text
):
    from assessments.reports.render import render_html

    result = _result({"other_jurisdictions": ["JP"]}, rulesets, screen, profiles, sources)
    html = render_html(result, language=language)
    assert heading in html and text in html
    assert "/cases/jp-aca-general-understanding-2024/" in html

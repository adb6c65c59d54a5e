"""What the curated library file must be before it loads: citations in both languages, a status
of proceedings, Chinese for every field a Chinese page shows, sources at public addresses, and
curated prose."""

import json

import pytest
from pydantic import ValidationError

from cases.library import CaseData, Library, public_url_problem, research_markup
from cases.services import DEFAULT_LIBRARY_PATH


@pytest.fixture(scope="module")
def entry() -> dict:
    data = json.loads(DEFAULT_LIBRARY_PATH.read_text(encoding="utf-8"))
    return next(c for c in data["cases"] if c["slug"] == "cn-bic-li-v-liu-2023")


def _with(entry: dict, **changes) -> dict:
    return {**entry, **changes}


def _source(entry: dict, url: str) -> dict:
    return _with(entry, sources=[{**entry["sources"][0], "url": url}])


def test_the_shipped_library_is_large_and_complete():
    library = Library.model_validate_json(DEFAULT_LIBRARY_PATH.read_bytes())
    assert len(library.cases) >= 50
    for case in library.cases:
        assert case.citation and case.citation_zh and case.status_as_of, case.slug
        assert all(s.title and s.publisher for s in case.sources), case.slug


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1:8000/case", "private, loopback"),
        ("http://10.1.2.3/judgment.pdf", "private, loopback"),
        ("http://[::1]/x", "private, loopback"),
        ("http://intranet/cases/1", "single-label"),
        ("https://court.local/decision", ".local"),
        ("https://library.internal/x", ".internal"),
        ("https://academic-oup-com-443.vpnm.ccmu.edu.cn/grurint/1", "embeds another host"),
        ("https://www.example.org.ezproxy.univ.edu/x", "embeds another host"),
        ("https://pymnts-com-develop.go-vip.net/news", "embeds another host"),
        ("https://www-jstor-org.ezproxy.library.example.edu/stable/1", "embeds another host"),
    ],
)
def test_sources_at_addresses_nobody_else_can_open_are_refused(entry, url, reason):
    with pytest.raises(ValidationError, match=reason):
        CaseData.model_validate(_source(entry, url))


@pytest.mark.parametrize(
    "url",
    [
        "https://english.bjinternetcourt.gov.cn/2024-02/28/c_695.htm",
        "https://caselaw.nationalarchives.gov.uk/ewca/civ/2023/1354",
        "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:62008CJ0005",
        "https://www.bbc.co.uk/news/technology",
        "https://docs-en-us.example.com/guide",
        "https://my-info.blog.example.de/post",
    ],
)
def test_public_addresses_pass_whatever_their_suffix(url):
    assert public_url_problem(url) is None


def test_a_source_titled_by_its_host_is_refused(entry):
    source = {**entry["sources"][0], "title": "english.bjinternetcourt.gov.cn"}
    with pytest.raises(ValidationError, match="host name"):
        CaseData.model_validate(_with(entry, sources=[source]))


@pytest.mark.parametrize("field", ["citation", "citation_zh"])
def test_a_missing_citation_is_refused(entry, field):
    broken = dict(entry)
    del broken[field]
    with pytest.raises(ValidationError, match=field):
        CaseData.model_validate(broken)


@pytest.mark.parametrize("status", ["open", "draft", "published", ""])
def test_an_unknown_proceeding_status_is_refused(entry, status):
    with pytest.raises(ValidationError, match="proceeding_status"):
        CaseData.model_validate(_with(entry, proceeding_status=status))


def test_a_pending_outcome_needs_an_open_proceeding(entry):
    with pytest.raises(ValidationError, match="pending or on appeal"):
        CaseData.model_validate(_with(entry, outcome="pending", proceeding_status="decided"))


@pytest.mark.parametrize(
    "text",
    [
        "* Tribunal: Beijing Internet Court",
        "The docket is UNVERIFIED.",
        "Shanghai [SCLA] v. Hangzhou [AI platform]",
        "Li generated four images, per Quimbee.",
    ],
)
def test_research_notes_are_refused_as_case_notes(entry, text):
    assert research_markup(text)
    with pytest.raises(ValidationError, match="research note"):
        CaseData.model_validate(_with(entry, summary_en=text))


def test_neutral_citations_are_not_placeholders():
    assert research_markup("THJ Systems Ltd v Sheridan [2023] EWCA Civ 1354") is None


@pytest.mark.parametrize("field", ["tribunal_zh", "short_name_zh", "holding_zh"])
def test_chinese_is_required_for_what_the_chinese_page_shows(entry, field):
    with pytest.raises(ValidationError, match=field):
        CaseData.model_validate(_with(entry, **{field: ""}))


def test_a_scenario_note_without_its_chinese_is_refused(entry):
    scenario = json.loads(json.dumps(entry["scenario"]))
    scenario["human_input_zh"].pop("iterations_note")
    with pytest.raises(ValidationError, match="iterations_note"):
        CaseData.model_validate(_with(entry, scenario=scenario))
    scenario = json.loads(json.dumps(entry["scenario"]))
    scenario["decisive_factors_zh"] = scenario["decisive_factors_zh"][:-1]
    with pytest.raises(ValidationError, match="decisive_factors_zh"):
        CaseData.model_validate(_with(entry, scenario=scenario))


def test_a_slug_used_twice_is_refused():
    data = json.loads(DEFAULT_LIBRARY_PATH.read_text(encoding="utf-8"))
    data["cases"][1]["former_slugs"] = [data["cases"][0]["slug"]]
    with pytest.raises(ValidationError, match="used twice"):
        Library.model_validate(data)


def test_a_text_naming_a_decision_by_its_slug_is_refused():
    data = json.loads(DEFAULT_LIBRARY_PATH.read_text(encoding="utf-8"))
    case = next(c for c in data["cases"] if c["slug"] == "us-allen-v-perlmutter")
    case["summary_en"] += " See us-usco-theatre-opera-spatial-2023."
    with pytest.raises(ValidationError, match="by its slug"):
        Library.model_validate(data)

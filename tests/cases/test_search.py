"""Search semantics: Chinese words found by character pairs, substrings, and the ranked limit."""

import re

import pytest
from django.db import connection

from cases import search as search_module
from cases.db import cjk_terms, has_cjk, is_cjk
from cases.models import Case

LIST = "/api/cases/"


@pytest.mark.parametrize(
    "text, terms",
    [
        ("著作权法", "著作 作权 权法"),
        ("奥", "奥"),
        ("(2023)京0491民初11279号", "(2023) 京 0491 民初 11279 号"),
        ("stable diffusion 提示词 prompts", "提示 示词"),
        ("no chinese here", ""),
        ("ウルトラマン 울트라맨", "ウル ルト トラ ラマ マン 울트 트라 라맨"),
    ],
)
def test_cjk_terms_cut_runs_into_pairs_and_keep_what_stands_between(text, terms):
    assert cjk_terms(text) == terms


def test_cjk_predicates():
    assert has_cjk("abc奥") and not has_cjk("abc")
    assert is_cjk("奥特曼") and not is_cjk("奥特曼1")


def _chinese_words(library_texts: list[str]) -> list[str]:
    """Two- to four-character Chinese words drawn from the library itself, deterministically."""
    words: set[str] = set()
    for text in library_texts:
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", text):
            for size in (2, 3, 4):
                if len(run) >= size:
                    words.add(run[:size])
                    words.add(run[-size:])
    return sorted(words)[::7][:60]


@pytest.mark.django_db
@pytest.mark.services
def test_chinese_search_finds_exactly_the_cases_containing_the_word(client, loaded_library):
    texts = list(Case.objects.published().values_list("search_text", flat=True))
    words = _chinese_words(texts)
    assert len(words) >= 30
    for word in words:
        expected = set(
            Case.objects.published()
            .filter(search_text__contains=word)
            .values_list("slug", flat=True)
        )
        response = client.get(LIST, {"q": word, "page_size": 100})
        assert response.status_code == 200
        found = {row["slug"] for row in response.json()["results"]}
        assert found == expected, word


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["京0491民初", "491", "奥", "ultram", "11279号"])
def test_partial_identifiers_match_as_substrings(client, loaded_library, q):
    expected = set(
        Case.objects.published().filter(search_text__contains=q).values_list("slug", flat=True)
    )
    assert expected, q
    found = {row["slug"] for row in client.get(LIST, {"q": q, "page_size": 100}).json()["results"]}
    assert expected <= found


@pytest.mark.django_db
@pytest.mark.services
def test_search_reads_the_stored_vector_not_the_text(loaded_library):
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM cases_case WHERE search_vector @@ phraseto_tsquery('simple', %s)",
            [cjk_terms("奥特曼")],
        )
        assert cursor.fetchone()[0] >= 1


@pytest.mark.django_db
def test_a_search_matching_more_than_it_ranks_says_so(client, loaded_library, monkeypatch):
    monkeypatch.setattr(search_module, "RANKED_LIMIT", 5)
    matching = Case.objects.published().filter(search_text__contains="court").count()
    assert matching > 6
    body = client.get(LIST, {"q": "court", "page_size": 100}).json()
    assert body["count"] == 5
    assert body["truncated"] is True
    assert len(body["results"]) == 5
    # The newest matches are the ones ranked.
    newest = (
        Case.objects.published()
        .filter(search_text__contains="court")
        .order_by("-decision_date", "slug")
        .values_list("slug", flat=True)[:5]
    )
    assert {row["slug"] for row in body["results"]} == set(newest)
    page = client.get("/cases/", {"q": "court"}).content.decode()
    assert "More than 5 decisions match" in page
    client.cookies["django_language"] = "zh-hans"
    assert "匹配的裁判超过 5 件" in client.get("/cases/", {"q": "court"}).content.decode()
    del client.cookies["django_language"]

    narrow = client.get(LIST, {"q": "Ultraman"}).json()
    assert narrow["truncated"] is False
    plain = client.get(LIST).json()
    assert plain["truncated"] is False and plain["count"] == Case.objects.published().count()


def test_search_is_the_last_filter_applied():
    """The ranked page's count is read off the rows search annotates, which holds only when no
    filter narrows the rows after it (django-filter applies filters in declaration order)."""
    from cases.filters import CaseFilter

    assert list(CaseFilter.base_filters)[-1] == "q"


@pytest.mark.django_db
def test_a_search_combined_with_filters_counts_what_it_shows(client, loaded_library):
    body = client.get(LIST, {"q": "court", "jurisdiction": "CN", "page_size": 100}).json()
    assert body["count"] == len(body["results"]) > 0
    assert {row["jurisdiction"] for row in body["results"]} == {"CN"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query_string",
    [
        "q=%ED%A0%80",
        "q=%FF%FE",
        "q=%E5%A5",
        "q=%00",
        "q=" + "a" * 5000,
        "q=%E5%A5%A5",
        "q=!!!",
        "q=%22",
        "q=-",
        "q=%26%7C!()%3A*",
        "q=%3C-%3E",
        "q='",
    ],
)
def test_odd_queries_never_reach_a_server_error(client, loaded_library, query_string):
    # Invalid UTF-8, a lone surrogate's bytes, NUL, an overlong query, tsquery operators.
    for path in (LIST, "/cases/"):
        response = client.generic("GET", path, QUERY_STRING=query_string)
        assert response.status_code in (200, 400), (path, query_string, response.status_code)

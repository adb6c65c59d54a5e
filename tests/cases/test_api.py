import pytest
from django.db import connection
from django.urls import reverse

from cases.models import Case
from tests.factories import CaseFactorFactory, CaseFactory, FactorFactory, SourceFactory

pytestmark = pytest.mark.django_db
LIST = "/api/cases/"


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def test_list_is_public_paginated_and_shows_published_only(client, loaded_library):
    Case.objects.filter(slug="us-thaler-v-perlmutter").update(status="draft")
    body = client.get(LIST, {"page_size": 100}).json()
    assert body["count"] == len(loaded_library.cases) - 1
    assert "us-thaler-v-perlmutter" not in [r["slug"] for r in body["results"]]
    assert client.get(f"{LIST}us-thaler-v-perlmutter/").status_code == 404


@pytest.mark.parametrize(
    "params, expected_in, expected_out",
    [
        ({"jurisdiction": "US"}, "us-usco-zarya-2023", "cn-bic-li-v-liu-2023"),
        ({"jurisdiction": "EU"}, "cz-prague-dalle-2023", "us-usco-zarya-2023"),
        ({"outcome": "liable"}, "cn-gzic-ultraman-tab-2024", "cn-bic-li-v-liu-2023"),
        ({"issue": "guidance"}, "us-usco-part2-report-2025", "cn-bic-li-v-liu-2023"),
        ({"year": 2023}, "cn-bic-li-v-liu-2023", "us-usco-american-cheese-2025"),
        ({"factor": "F6"}, "us-usco-american-cheese-2025", "cn-bic-li-v-liu-2023"),
        ({"q": "Thaler"}, "us-thaler-v-perlmutter", "cn-bic-li-v-liu-2023"),
    ],
)
def test_filters(client, loaded_library, params, expected_in, expected_out):
    found = slugs(client.get(LIST, {**params, "page_size": 100}))
    assert expected_in in found
    assert expected_out not in found
    assert len(found) == len(set(found))


def test_filters_combine(client, loaded_library):
    found = slugs(client.get(LIST, {"jurisdiction": "CN", "outcome": "denied", "factor": "F10"}))
    assert set(found) == {
        "cn-zhangjiagang-feng-butterfly-chair-2025",
        "cn-bic-zhou-cat-pendant-2025",
    }


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"jurisdiction": "XX"}, "jurisdiction"),
        ({"outcome": "won"}, "outcome"),
        ({"issue": "x"}, "issue"),
        ({"year": "twenty"}, "year"),
        ({"year": "99999"}, "year"),
        ({"factor": "F99"}, "factor"),
        ({"q": "x" * 201}, "q"),
        ({"q": "bad\x00byte"}, "q"),
        ({"jurisdicton": "CN"}, "jurisdicton"),
        ({"page": "abc"}, "page"),
        ({"page_size": "-1"}, "page_size"),
        ({"page_size": "1000"}, "page_size"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_parameter(client, loaded_library, params, parameter):
    response = client.get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid"
    assert body["detail"].startswith(f"{parameter}:")


def test_missing_slug_is_a_json_404(client, db):
    response = client.get(f"{LIST}no-such-case/")
    assert response.status_code == 404
    assert response.json() == {"error": "not_found", "detail": "Not found."}
    response = client.get("/api/nothing-here/")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_detail_has_sources_factors_scenario_and_lexicon(client, loaded_library):
    body = client.get(f"{LIST}cn-bic-li-v-liu-2023/").json()
    assert body["docket"].startswith("(2023) Jing 0491 Min Chu No. 11279")
    assert body["title_zh"].startswith("李某诉刘某")
    assert any("bjinternetcourt" in s["url"] for s in body["sources"])
    assert {f["code"] for f in body["factors"]} >= {"F2", "F3", "F4", "F5"}
    assert body["scenario"]["real_outcome"] == "granted"
    ultraman = client.get(f"{LIST}cn-gzic-ultraman-tab-2024/").json()
    assert "Ultraman" in [w["name"] for w in ultraman["protected_works"]]


def test_factors_and_protected_works(client, loaded_library):
    factors = client.get("/api/factors/").json()
    assert [f["code"] for f in factors] == [f"F{n}" for n in range(1, 15)]
    assert factors[1]["name_zh"] == "提示词的具体程度"
    works = client.get("/api/protected-works/", {"kind": "character", "page_size": 100}).json()
    assert all(w["kind"] == "character" for w in works["results"])
    assert client.get("/api/protected-works/", {"kind": "planet"}).status_code == 400


def _make_cases(n):
    factors = [FactorFactory(code=f"F{i}", position=i) for i in (1, 2, 3)]
    for _ in range(n):
        case = CaseFactory()
        SourceFactory(case=case)
        for factor in factors:
            CaseFactorFactory(case=case, factor=factor)


@pytest.mark.parametrize("page_size", [5, 50])
def test_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, page_size):
    _make_cases(60)
    # count, page, factors prefetch: the same three for any page size.
    with django_assert_num_queries(3):
        response = client.get(LIST, {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


def test_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries, loaded_library):
    # case + scenario (joined), sources, factors, protected works.
    with django_assert_num_queries(4):
        client.get(f"{LIST}cn-gzic-ultraman-tab-2024/")


@pytest.mark.parametrize(
    "q, first",
    [
        ("Spring Breeze", "cn-bic-li-v-liu-2023"),
        ("奥特曼", "cn-gzic-ultraman-tab-2024"),
        ("11279", "cn-bic-li-v-liu-2023"),
        ("Li v. Liu", "cn-bic-li-v-liu-2023"),
        ("prompts", "cn-huangpu-prompts-2025"),
        ("Creativity Machine", "us-thaler-v-perlmutter"),
        ("蝴蝶椅", "cn-zhangjiagang-feng-butterfly-chair-2025"),
    ],
)
def test_search_finds_the_right_case_first(client, loaded_library, q, first):
    # Holds on PostgreSQL (indexes, stemming) and on SQLite (embedded fallback) alike.
    found = slugs(client.get(LIST, {"q": q}))
    assert found[0] == first


@pytest.mark.services
def test_postgres_search_stems_english(client, loaded_library):
    # "registrations" is not in the record of the guidance; its stem "registr" is.
    guidance = Case.objects.get(slug="us-usco-registration-guidance-2023")
    assert "registrations" not in guidance.search_text
    found = slugs(client.get(LIST, {"q": "registrations", "page_size": 100}))
    assert "us-usco-registration-guidance-2023" in found


@pytest.mark.services
def test_postgres_search_uses_the_indexes(loaded_library):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM cases_case WHERE "
            "search_vector @@ websearch_to_tsquery('english'::regconfig, 'prompt') "
            "OR search_text LIKE '%%11279%%'"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "cases_case_search_vector" in plan
    assert "cases_case_search_trgm" in plan


def test_schema_and_docs_are_served_without_a_cdn(client, db):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert {"/api/cases/", "/api/cases/{slug}/", "/api/factors/", "/api/protected-works/"} <= set(
        paths
    )
    docs = client.get(reverse("api:docs")).content.decode()
    assert "swagger" in docs.lower()
    assert "cdn" not in docs.lower()

import pytest
from django.utils.html import escape

from cases.models import Case

pytestmark = pytest.mark.django_db


def test_library_page_lists_searches_and_facets(client, loaded_library):
    page = client.get("/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{len(loaded_library.cases)} decisions" in html
    assert "Not legal advice" in html or "not legal advice" in html
    page = client.get("/cases/", {"q": "Thaler"})
    html = page.content.decode()
    first = html.index('class="case-card"')
    assert html.index("/cases/us-thaler-v-perlmutter/", first) < html.index("</article>", first)


def test_facet_links_filter_and_toggle(client, loaded_library):
    html = client.get("/cases/", {"jurisdiction": "US"}).content.decode()
    assert "/cases/us-usco-zarya-2023/" in html
    assert "/cases/cn-bic-li-v-liu-2023/" not in html
    # The active facet links back to the list without it.
    assert 'href="?" class="active"' in html


def test_pagination_keeps_the_filters(client, loaded_library):
    html = client.get("/cases/", {"q": "court"}).content.decode()
    assert "?q=court&amp;page=2" in html


def test_bad_parameters_are_explained_on_the_page(client, loaded_library):
    page = client.get("/cases/", {"jurisdiction": "XX", "colour": "red"})
    assert page.status_code == 400
    html = page.content.decode()
    assert "jurisdiction:" in html
    assert "colour: unknown parameter" in html


def test_case_page_in_english_and_chinese(client, loaded_library):
    html = client.get("/cases/cn-bic-li-v-liu-2023/").content.decode()
    assert "Li v. Liu" in html
    assert "Holding" in html
    assert "bjinternetcourt.gov.cn" in html
    client.cookies["django_language"] = "zh-hans"
    html = client.get("/cases/cn-bic-li-v-liu-2023/").content.decode()
    assert "李某诉刘某" in html
    assert "裁判要旨" in html
    assert "不构成法律意见" in html


def test_language_switch_is_a_form_that_works_without_javascript(client, db):
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/cases/"})
    assert response.status_code == 302
    assert client.get("/cases/").content.decode().count("案例库") >= 1


def test_unverified_facts_are_noted_in_words_where_they_stand(client, loaded_library):
    case = Case.objects.get(slug="cn-changshu-lin-companion-heart-2024")
    assert "docket" in case.unverified_fields
    html = client.get(f"/cases/{case.slug}/").content.decode()
    assert "UNVERIFIED" not in html
    assert "docket reported by a single secondary source" in html
    assert "rest on a single secondary source; each is noted where it appears" in html


def test_a_page_shows_the_citation_and_the_status_of_proceedings(client, loaded_library):
    html = client.get("/cases/us-allen-v-perlmutter/").content.decode()
    case = Case.objects.get(slug="us-allen-v-perlmutter")
    assert case.proceeding_status == "pending"
    assert f"<cite>{escape(case.citation)}</cite>" in html
    assert "Pending" in html and f"as of {case.status_as_of:%Y-%m-%d}" in html
    assert f"Next step: {escape(case.next_step_en)}" in html
    assert "cited as pending, never as authority for a holding" in html
    decided = client.get("/cases/cn-bic-li-v-liu-2023/").content.decode()
    assert "(2023) Jing 0491 Min Chu No. 11279" in decided
    assert "never as authority" not in decided
    zh = client.get("/cases/cn-bic-li-v-liu-2023/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = zh.content.decode()
    assert "（2023）京0491民初11279号" in text and "引注" in text and "已裁判" in text


def test_the_pending_filter_finds_the_matters_not_decided(client, loaded_library):
    open_ = {c.slug for c in loaded_library.cases if c.proceeding_status == "pending"}
    found = {
        r["slug"]
        for r in client.get("/api/cases/", {"proceeding": "pending", "page_size": 100}).json()[
            "results"
        ]
    }
    assert found == open_ and "us-allen-v-perlmutter" in found
    html = client.get("/cases/", {"proceeding": "pending"}).content.decode()
    assert f"{len(open_)} decisions" in html
    assert "/cases/cn-bic-li-v-liu-2023/" not in html
    # The outcome filter still answers how the question was answered.
    liable = client.get("/api/cases/", {"outcome": "liable", "page_size": 100}).json()["results"]
    assert liable and {r["outcome"] for r in liable} == {"liable"}
    assert client.get("/api/cases/", {"proceeding": "maybe"}).status_code == 400


def test_a_former_slug_redirects_to_the_entry_that_replaced_it(client, loaded_library):
    response = client.get("/cases/uk-cdpa-s9-3-nova/")
    assert response.status_code == 301
    assert response["Location"] == "/cases/uk-cdpa-1988-s9-3/"


def test_drafts_and_unknown_slugs_are_404(client, loaded_library):
    Case.objects.filter(slug="cn-bic-li-v-liu-2023").update(status="draft")
    assert client.get("/cases/cn-bic-li-v-liu-2023/").status_code == 404
    assert client.get("/cases/nothing-here/").status_code == 404


def test_case_text_is_escaped(client, loaded_library):
    Case.objects.filter(slug="cn-bic-li-v-liu-2023").update(holding_en="<script>alert(1)</script>")
    html = client.get("/cases/cn-bic-li-v-liu-2023/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_decision_page_separates_the_works_it_named_from_those_citing_its_principle(
    client, loaded_library
):
    html = client.get("/cases/cn-gzic-ultraman-tab-2024/").content.decode()
    named = html.index("Named in the decision")
    principle = html.index("Cited for the principle only")
    assert named < html.index(">Ultraman<") < principle < html.index(">Batman<")

import pytest

from cases.models import Case

pytestmark = pytest.mark.django_db


def test_library_page_lists_searches_and_facets(client, loaded_library):
    page = client.get("/cases/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "36 decisions" in html
    assert "Not legal advice" in html or "not legal advice" in html
    page = client.get("/cases/", {"q": "Thaler"})
    html = page.content.decode()
    assert "1 decision" in html
    assert "/cases/us-thaler-v-perlmutter/" in html


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


def test_unverified_facts_are_marked(client, loaded_library):
    html = client.get("/cases/cn-changshu-lin-companion-heart-2024/").content.decode()
    assert "UNVERIFIED" in html
    assert "rest on a single secondary source" in html
    html = client.get("/cases/us-disney-v-midjourney/").content.decode()
    assert "no merits outcome" in html


def test_drafts_and_unknown_slugs_are_404(client, loaded_library):
    Case.objects.filter(slug="cn-bic-li-v-liu-2023").update(status="draft")
    assert client.get("/cases/cn-bic-li-v-liu-2023/").status_code == 404
    assert client.get("/cases/nothing-here/").status_code == 404


def test_case_text_is_escaped(client, loaded_library):
    Case.objects.filter(slug="cn-bic-li-v-liu-2023").update(holding_en="<script>alert(1)</script>")
    html = client.get("/cases/cn-bic-li-v-liu-2023/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html

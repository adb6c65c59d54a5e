"""The public library's cache: answers without queries, and never older than the library."""

import pytest
from django.test import override_settings

from cases.models import Case, Source
from cases.services import case_unpublish

pytestmark = [pytest.mark.django_db]
LIST = "/api/cases/"
SLUG = "cn-bic-li-v-liu-2023"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.CASE_CACHE_SECONDS = 300


def test_a_second_read_runs_no_query(client, loaded_library, django_assert_num_queries):
    for url in (LIST, f"{LIST}{SLUG}/", f"/cases/{SLUG}/", f"{LIST}?q=Ultraman"):
        first = client.get(url)
        assert first.status_code == 200
        with django_assert_num_queries(0):
            second = client.get(url)
        if url.startswith(LIST):
            assert second.content == first.content
        else:  # the page around the cached body carries a fresh CSRF token
            body = first.content.split(b'<article class="case">')[1].split(b"</article>")[0]
            assert body in second.content


def test_an_edit_shows_at_once_everywhere(client, loaded_library):
    client.get(LIST)
    client.get(f"{LIST}{SLUG}/")
    client.get(f"/cases/{SLUG}/")
    case = Case.objects.get(slug=SLUG)
    case.short_name = "Renamed by a curator"
    case.save()
    assert client.get(f"{LIST}{SLUG}/").json()["short_name"] == "Renamed by a curator"
    assert "Renamed by a curator" in client.get(f"/cases/{SLUG}/").content.decode()
    names = [row["short_name"] for row in client.get(LIST, {"page_size": 100}).json()["results"]]
    assert "Renamed by a curator" in names


def test_a_new_source_and_an_unpublished_case_show_at_once(client, loaded_library):
    before = client.get(f"{LIST}{SLUG}/").json()
    Source.objects.create(
        case=Case.objects.get(slug=SLUG),
        title="A commentary added today",
        publisher="A journal",
        url="https://example.org/commentary",
        kind="secondary",
    )
    after = client.get(f"{LIST}{SLUG}/").json()
    assert len(after["sources"]) == len(before["sources"]) + 1
    assert client.get(f"/cases/{SLUG}/").status_code == 200
    uncited = "in-raghav-suryast"  # cited by no ruleset or lexicon entry, so it may go
    assert client.get(f"{LIST}{uncited}/").status_code == 200
    case_unpublish(case=Case.objects.get(slug=uncited))
    assert client.get(f"{LIST}{uncited}/").status_code == 404
    assert client.get(f"/cases/{uncited}/").status_code == 404
    slugs = [row["slug"] for row in client.get(LIST, {"page_size": 100}).json()["results"]]
    assert uncited not in slugs


def test_errors_and_misses_are_not_kept(client, loaded_library):
    assert client.get(LIST, {"year": "abc"}).status_code == 400
    assert client.get(f"{LIST}no-such-case/").status_code == 404
    Case.objects.filter(slug=SLUG).update(slug="no-such-case")  # no signal, no new version
    assert client.get(f"{LIST}no-such-case/").status_code == 200


@override_settings(CASE_CACHE_SECONDS=0)
def test_the_cache_can_be_turned_off(client, loaded_library, django_assert_num_queries):
    client.get(LIST)
    with django_assert_num_queries(3):
        client.get(LIST)

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
    for url in (LIST, f"{LIST}{SLUG}/", f"/cases/{SLUG}/", f"{LIST}?jurisdiction=CN"):
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


def _keys() -> set[str]:
    """The cache's keys of library answers, from Redis or the local-memory cache."""
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):
        return {k for k in cache._cache if "cases:" in k}
    client = cache._cache.get_client()
    return {k.decode() for k in client.keys("*cases:*")}


def test_keys_come_from_canonical_parameters_and_searches_are_not_kept(client, loaded_library):
    client.get(f"{LIST}?jurisdiction=CN&outcome=granted")
    before = _keys()
    assert any(":api-list:" in k for k in before)  # the first answer was kept
    client.get(f"{LIST}?outcome=granted&jurisdiction=CN")  # the same answer, another order
    assert _keys() == before
    for n in range(5):
        client.get(f"{LIST}?q=ultraman{n}")  # free text: from the database, never a new key
    assert _keys() == before
    twice = client.get(f"{LIST}?jurisdiction=CN&jurisdiction=US")
    assert twice.status_code in (200, 400) and _keys() == before


def test_a_cache_that_is_down_serves_the_library_from_the_database(client, loaded_library):
    import time

    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    with override_settings(CACHES=down, CASE_CACHE_SECONDS=300):
        for url in (LIST, f"{LIST}{SLUG}/", f"/cases/{SLUG}/", "/cases/", f"{LIST}?q=Ultraman"):
            started = time.monotonic()
            response = client.get(url)
            assert response.status_code == 200, url
            assert time.monotonic() - started < 2, url

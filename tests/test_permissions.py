"""The permission matrix over every URL of the URLconf that takes an assessment id (found by
walking it, so a new view cannot be forgotten): only the owner and the colleagues it is shared
with reach an assessment; everyone else gets the same answer as for a missing one."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from accounts.services import user_create_with_role
from assessments import services
from assessments.models import Assessment, CreationLogFile

pytestmark = pytest.mark.django_db


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern


def assessment_urls(pk: int) -> list[str]:
    """Every URL of an assessment: those taking its id, and those of a file being read for it."""
    from assessments.models import LogParseJob

    jobs = list(LogParseJob.objects.filter(assessment_id=pk).values_list("pk", flat=True))
    urls = []
    for name, pattern in _walk(get_resolver().url_patterns):
        converters = getattr(pattern.pattern, "converters", {})
        keys = set(converters) | set(pattern.pattern.regex.groupindex)
        callback = pattern.callback
        module = (
            getattr(callback, "cls", None) or getattr(callback, "view_class", None) or callback
        ).__module__
        if not module.startswith("assessments."):
            continue
        if "job_id" in keys:
            urls.extend(reverse(name, kwargs={"job_id": job}) for job in jobs)
            continue
        if "pk" not in keys:
            continue
        kwargs = {"pk": pk}
        if "slug" in keys:
            kwargs["slug"] = "about"
        if "number" in keys:
            kwargs["number"] = 1
        if "log_id" in keys:
            log = CreationLogFile.history.filter(assessment_id=pk).first()
            kwargs["log_id"] = log.pk if log else 1
        urls.append(reverse(name, kwargs=kwargs))
    return sorted(set(urls))


@pytest.fixture
def world(django_user_model, loaded_library, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    users = {
        "owner": user_create_with_role(
            username="owner", password="a-long-pass-123", role=Role.LAWYER
        ),
        "reader": user_create_with_role(
            username="reader", password="a-long-pass-123", role=Role.LAWYER
        ),
        "editor": user_create_with_role(
            username="editor", password="a-long-pass-123", role=Role.LAWYER
        ),
        "other_creator": user_create_with_role(
            username="oc", password="a-long-pass-123", role=Role.CREATOR
        ),
        "other_lawyer": user_create_with_role(
            username="ol", password="a-long-pass-123", role=Role.LAWYER
        ),
        "curator": user_create_with_role(
            username="cur", password="a-long-pass-123", role=Role.CURATOR
        ),
    }
    assessment = Assessment.objects.create(owner=users["owner"], title="secret work title")
    services.creation_log_attach(
        assessment=assessment,
        name="a.txt",
        data=b"a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8",
    )
    # A file being read for it in the background (its progress pages belong to the assessment).
    services.log_parse_job_create(
        owner=users["owner"], name="big.json", data=b'{"steps": []}', assessment=assessment
    )
    services.assessment_share(assessment=assessment, username="reader", can_edit=False)
    services.assessment_share(assessment=assessment, username="editor", can_edit=True)
    return users, assessment


def test_the_walk_finds_every_assessment_url(world):
    _, assessment = world
    urls = assessment_urls(assessment.pk)
    for part in (
        "/api/assessments/",
        "/logs/",
        "/submit/",
        "/report/",
        "/report.pdf",
        "/intake/about/",
        "/api/creation-logs/jobs/",
        "/logs/jobs/",
    ):
        assert any(part in url for url in urls), part
    assert len(urls) >= 10


@pytest.mark.parametrize("who", ["other_creator", "other_lawyer", "curator"])
def test_strangers_get_404_everywhere(client, world, who):
    users, assessment = world
    client.force_login(users[who])
    for url in assessment_urls(assessment.pk):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (404, 405), (who, method, url, response.status_code)
            assert b"secret work title" not in response.content


def test_anonymous_users_are_sent_to_log_in(client, world):
    _, assessment = world
    for url in assessment_urls(assessment.pk):
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 405), url
        else:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


@pytest.mark.parametrize("who", ["owner", "reader", "editor"])
def test_the_owner_and_colleagues_reach_it(client, world, who):
    users, assessment = world
    client.force_login(users[who])
    for url in assessment_urls(assessment.pk):
        response = client.get(url)
        assert response.status_code != 404 or "report" in url, (who, url)
    assert b"secret work title" in client.get(f"/assessments/{assessment.pk}/").content


def test_a_reader_cannot_change_anything(client, world):
    users, assessment = world
    client.force_login(users["reader"])
    for url in assessment_urls(assessment.pk):
        response = client.post(url)
        if response.status_code != 405:
            assert response.status_code == 403, url

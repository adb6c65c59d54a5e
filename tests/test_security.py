"""Headers, CSRF and escaping."""

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/cases/", "/accounts/login/", "/api/docs/", "/api/cases/"])
def test_every_page_has_a_policy_without_inline_script(client, loaded_library, url):
    response = client.get(url)
    policy = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in policy
        and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    )
    assert "frame-ancestors 'none'" in policy
    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        inline = [m for m in re.findall(r"<script([^>]*)>", html) if "src=" not in m]
        assert inline == [], url


def test_the_api_docs_initialiser_is_a_script_file(client, db):
    html = client.get("/api/docs/").content.decode()
    src = re.findall(r'<script src="([^"]+)"', html)
    assert any("docs/?script" in s or "script=" in s for s in src), src
    assert "cdn" not in html.lower()


def test_forms_need_a_csrf_token(db, django_user_model):
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/accounts/login/", {"username": "x", "password": "y"}).status_code == 403
    user = django_user_model.objects.create_user("csrf", password="a-long-pass-123")
    strict.force_login(user)
    assert strict.post("/assessments/", {"title": "x"}).status_code == 403
    assert (
        strict.post(
            "/api/assessments/", {"title": "x"}, content_type="application/json"
        ).status_code
        == 403
    )


def test_health_is_trivial_json(client, db):
    assert client.get("/api/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_an_application_error_answers_in_the_api_error_format(client, django_user_model):
    from assessments import services

    user = django_user_model.objects.create_user("errors", password="a-long-pass-123")
    client.force_login(user)
    empty = services.assessment_create(owner=user)
    response = client.post(f"/api/assessments/{empty.pk}/submit/")
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "nothing_to_assess" and "creation log" in body["detail"]


@pytest.mark.django_db
def test_answers_for_a_signed_in_user_are_private_and_vary(client, django_user_model):
    from knox.models import AuthToken

    user = django_user_model.objects.create_user("private1", password="a-long-pass-123")
    _, token = AuthToken.objects.create(user)
    by_token = client.get("/api/assessments/", HTTP_AUTHORIZATION=f"Token {token}")
    assert by_token.status_code == 200
    assert "private" in by_token.headers["Cache-Control"]
    assert {"Cookie", "Authorization"} <= {v.strip() for v in by_token.headers["Vary"].split(",")}
    client.force_login(user)
    page = client.get("/assessments/")
    assert page.status_code == 200 and "private" in page.headers["Cache-Control"]
    client.logout()
    public = client.get("/cases/")
    assert "private" not in public.headers.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_an_unknown_address_gets_the_friendly_page_even_with_debug_on(client, settings, debug):
    settings.DEBUG = debug
    page = client.get("/no-such-page/here")
    assert page.status_code == 404
    assert "There is nothing at this address" in page.content.decode()
    api = client.get("/api/no-such-endpoint/")
    assert api.status_code == 404 and api.json()["error"] == "not_found"
    # An address that exists with its trailing slash is still sent there.
    slash = client.get("/cases?jurisdiction=CN")
    assert slash.status_code == 301 and slash["Location"] == "/cases/?jurisdiction=CN"


@pytest.mark.django_db
def test_the_favicon_and_the_landing_after_log_in(client, django_user_model, curator):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 301 and "favicon" in icon["Location"]
    django_user_model.objects.create_user("lander", password="a-long-pass-123")
    landed = client.post("/accounts/login/", {"username": "lander", "password": "a-long-pass-123"})
    assert landed.status_code == 302 and landed["Location"] == "/accounts/landing/"
    assert client.get("/accounts/landing/")["Location"] == "/assessments/"
    client.logout()
    client.force_login(curator)
    assert client.get("/accounts/landing/")["Location"] == "/admin/"
    # A creator starts at the files until there is an assessment to come back to.
    from accounts.roles import Role
    from accounts.services import user_create_with_role
    from assessments.models import Assessment

    maker = user_create_with_role(username="maker", password="a-long-pass-123", role=Role.CREATOR)
    client.force_login(maker)
    assert client.get("/accounts/landing/")["Location"] == "/logs/"
    Assessment.objects.create(owner=maker, title="Dusk")
    assert client.get("/accounts/landing/")["Location"] == "/assessments/"


@pytest.mark.django_db
def test_an_unknown_api_address_is_a_json_404_for_any_method_signed_in(django_user_model):
    client = Client(enforce_csrf_checks=True)
    user = django_user_model.objects.create_user("csrf404", password="a-long-pass-123")
    client.force_login(user)
    for method in ("patch", "post", "delete"):
        response = getattr(client, method)(
            "/api/assessments/null,null/", content_type="application/json"
        )
        assert response.status_code == 404, method
        assert response.json()["error"] == "not_found"

import pytest
from django.core import mail
from knox.models import AuthToken

from accounts.services import user_role
from assessments import services
from assessments.models import Assessment

pytestmark = pytest.mark.django_db


def test_sign_up_with_a_role_and_land_on_assessments(client, django_user_model):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newlawyer",
            "email": "l@example.org",
            "password1": "a-long-pass-123",
            "password2": "a-long-pass-123",
            "role": "lawyer",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/assessments/"
    user = django_user_model.objects.get(username="newlawyer")
    assert user_role(user) == "lawyer" and not user.is_staff


def test_nobody_signs_up_as_curator(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "x",
            "password1": "a-long-pass-123",
            "password2": "a-long-pass-123",
            "role": "curator",
        },
    )
    assert response.status_code == 400


def test_password_reset_sends_an_email(client, django_user_model):
    django_user_model.objects.create_user(
        "forgetful", email="f@example.org", password="a-long-pass-123"
    )
    response = client.post("/accounts/password_reset/", {"email": "f@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body


def test_failed_log_ins_are_limited(client, django_user_model, settings):
    django_user_model.objects.create_user("target", password="a-long-pass-123")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "target", "password": "wrong"})
    blocked = client.post("/accounts/login/", {"username": "target", "password": "a-long-pass-123"})
    assert blocked.status_code == 429
    assert "Too many failed log-ins" in blocked.content.decode()


def test_tokens_are_issued_and_revoked(client, django_user_model):
    django_user_model.objects.create_user("apiuser", password="a-long-pass-123")
    token = client.post(
        "/api/auth/token/", {"username": "apiuser", "password": "a-long-pass-123"}
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    assert client.get("/api/assessments/", **auth).status_code == 200
    assert client.delete("/api/auth/token/revoke/", **auth).status_code == 204
    assert not AuthToken.objects.exists()
    assert client.get("/api/assessments/", **auth).status_code == 401
    bad = client.post("/api/auth/token/", {"username": "apiuser", "password": "nope"})
    assert bad.status_code == 400 and bad.json()["error"] == "invalid"


def test_sharing_read_and_edit(client, django_user_model, loaded_library):
    owner = django_user_model.objects.create_user("owner", password="a-long-pass-123")
    reader = django_user_model.objects.create_user("reader", password="a-long-pass-123")
    editor = django_user_model.objects.create_user("editor", password="a-long-pass-123")
    assessment = Assessment.objects.create(owner=owner, title="shared work")
    services.assessment_share(assessment=assessment, username="reader", can_edit=False)
    services.assessment_share(assessment=assessment, username="editor", can_edit=True)
    with pytest.raises(services.ShareError):
        services.assessment_share(assessment=assessment, username="nobody", can_edit=True)
    client.force_login(reader)
    assert client.get(f"/api/assessments/{assessment.pk}/").status_code == 200
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 200
    assert client.post(f"/api/assessments/{assessment.pk}/submit/").status_code == 403
    assert client.post(f"/assessments/{assessment.pk}/", {"action": "submit"}).status_code == 403
    client.force_login(editor)
    response = client.patch(
        f"/api/assessments/{assessment.pk}/", {"title": "renamed"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["title"] == "renamed"
    services.assessment_unshare(assessment=assessment, username="editor")
    assert client.get(f"/api/assessments/{assessment.pk}/").status_code == 404


def test_curators_see_no_ones_assessments(client, django_user_model, curator):
    owner = django_user_model.objects.create_user("owner3", password="a-long-pass-123")
    assessment = Assessment.objects.create(owner=owner, title="private")
    client.force_login(curator)
    assert client.get(f"/api/assessments/{assessment.pk}/").status_code == 404
    assert client.get("/api/assessments/").json()["results"] == []


@pytest.mark.django_db
def test_an_over_long_username_for_a_token_is_a_400_naming_it(client):
    response = client.post(
        "/api/auth/token/",
        {"username": "u" * 300, "password": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "username" in response.content.decode()

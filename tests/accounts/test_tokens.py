"""API tokens: hashed at rest, expiring, revoked by a password change or reset, behind the same
``POST /api/auth/token/`` and ``DELETE /api/auth/token/revoke/`` contract."""

import importlib
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from knox.models import AuthToken

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-123"


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("tokenuser", password=PASSWORD, email="t@x.org")


def _token(client) -> str:
    response = client.post("/api/auth/token/", {"username": "tokenuser", "password": PASSWORD})
    assert response.status_code == 200, response.content
    return response.json()["token"]


def _works(client, token) -> bool:
    status = client.get("/api/assessments/", HTTP_AUTHORIZATION=f"Token {token}").status_code
    assert status in (200, 401)
    return status == 200


def test_a_token_is_stored_hashed_and_expires(client, user, settings):
    token = _token(client)
    row = AuthToken.objects.get(user=user)
    assert token not in (row.digest, row.token_key) and len(row.digest) == 128
    assert row.expiry - timezone.now() > settings.REST_KNOX["TOKEN_TTL"] - timedelta(minutes=1)
    assert _works(client, token)
    AuthToken.objects.filter(pk=row.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    assert not _works(client, token)


def test_a_password_change_revokes_every_token(client, user):
    first, second = _token(client), _token(client)
    assert _works(client, first) and _works(client, second)
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-pass-456",
            "new_password2": "another-pass-456",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert not _works(client, first) and not _works(client, second)
    assert not AuthToken.objects.filter(user=user).exists()


def test_a_password_reset_revokes_every_token(client, user):
    token = _token(client)
    client.post("/accounts/password_reset/", {"email": "t@x.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line).strip()
    path = link[link.index("/accounts/") :]
    form = client.get(path, follow=True)
    assert form.status_code == 200
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "reset-pass-789", "new_password2": "reset-pass-789"},
    )
    assert done.status_code == 302
    assert not _works(client, token)


def test_saving_the_user_without_a_new_password_keeps_the_tokens(client, user):
    token = _token(client)
    user.email = "new@x.org"
    user.save()
    assert _works(client, token)


def test_revoke_ends_only_the_token_used(client, user):
    first, second = _token(client), _token(client)
    response = client.delete("/api/auth/token/revoke/", HTTP_AUTHORIZATION=f"Token {first}")
    assert response.status_code == 204
    assert not _works(client, first) and _works(client, second)


def test_tokens_issued_before_are_carried_over_hashed(user, settings):
    from django.apps import apps
    from rest_framework.authtoken.models import Token

    old = Token.objects.create(user=user)
    migration = importlib.import_module("accounts.migrations.0001_api_tokens_to_knox")
    migration.forwards(apps, None)
    assert not Token.objects.exists()
    from knox.auth import TokenAuthentication

    found, auth = TokenAuthentication().authenticate_credentials(old.key.encode())
    assert found == user and auth.expiry > timezone.now()

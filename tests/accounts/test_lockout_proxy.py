"""The log-in lock-out keys on the real client's address: behind the deployment's trusted
proxies, the address they forwarded; without them, REMOTE_ADDR (a forwarded header a client
writes itself is ignored). The token API answers a locked account with the documented 429."""

import pytest
from django.test import RequestFactory

from aigc_copyright.middleware import client_address

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def _fail(client, address, *, forwarded=None, times=5, path="/accounts/login/"):
    headers = {"REMOTE_ADDR": PROXY}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    for _ in range(times):
        client.post(path, {"username": "victim", "password": "wrong"}, **headers)


@pytest.fixture
def victim(django_user_model):
    return django_user_model.objects.create_user("victim", password="a-long-pass-123")


def _login(client, forwarded):
    return client.post(
        "/accounts/login/",
        {"username": "victim", "password": "a-long-pass-123"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_behind_the_proxy_an_attacker_does_not_lock_out_the_real_user(client, victim, settings):
    settings.TRUSTED_PROXIES = 1
    _fail(client, None, forwarded="198.51.100.66")
    assert _login(client, "198.51.100.66").status_code == 429  # the attacker is locked
    assert _login(client, "203.0.113.10").status_code == 302  # the user, elsewhere, is not


def test_a_forged_forwarded_address_does_not_escape_the_lock(client, victim, settings):
    settings.TRUSTED_PROXIES = 1
    # The proxy appends the real address; what the client wrote itself stays on the left.
    for forged in ("1.1.1.1", "2.2.2.2", "3.3.3.3", "4.4.4.4", "5.5.5.5"):
        _fail(client, None, forwarded=f"{forged}, 198.51.100.66", times=1)
    assert _login(client, "9.9.9.9, 198.51.100.66").status_code == 429


def test_without_trusted_proxies_the_header_is_ignored(victim, settings):
    settings.TRUSTED_PROXIES = 0
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert client_address(request) == PROXY
    settings.TRUSTED_PROXIES = 2
    chained = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.66, 10.0.0.1"
    )
    assert client_address(chained) == "198.51.100.66"
    short = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    assert client_address(short) == PROXY


def test_the_token_api_answers_a_locked_account_with_429(client, victim, settings):
    answers = [
        client.post("/api/auth/token/", {"username": "victim", "password": "wrong"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # Wrong passwords are 400 until the limit is reached; the one that reaches it locks.
    assert answers == [400] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = client.post("/api/auth/token/", {"username": "victim", "password": "a-long-pass-123"})
    assert locked.status_code == 429
    assert locked.json()["error"] == "locked_out"
    assert "try again in 30 minutes" in locked.json()["detail"]

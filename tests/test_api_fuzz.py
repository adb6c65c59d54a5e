"""Schemathesis against /api/schema/: every operation, authenticated as a creator; no 5xx, and
every response matching the schema (status codes, content types and bodies)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.roles import Role
from accounts.services import user_create_with_role
from aigc_copyright.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """Calling the WSGI application directly fires request_finished, whose handler closes the
    connection holding the test's transaction; Django's own test client disconnects it too."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, loaded_library) -> str:
    user = user_create_with_role(username="fuzzer", password="a-long-pass-123", role=Role.CREATOR)
    return AuthToken.objects.create(user)[1]


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_operation_answers_within_its_schema(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    request = response.request
    assert response.status_code < 500, (
        request.method,
        request.url,
        dict(request.headers),
        request.body,
        response.text[:300],
    )
    case.validate_response(
        response,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
    if response.status_code >= 400:
        # Errors keep the contract's shape.
        body = response.json() if "json" in response.headers.get("content-type", [""])[0] else None
        assert body is None or {"error", "detail"} <= set(body), body

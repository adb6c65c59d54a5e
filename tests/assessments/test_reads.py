"""Reads never load what they do not show: the assessment list and detail (API and pages) read
the logs' names and hashes and the reports' states, never the logs' normalized JSON or the
reports' results and HTML (issue: one 7.6 MB log made a 558-byte answer take 2.8 s)."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments import services

pytestmark = pytest.mark.django_db


def _big_log(steps: int = 4_000) -> bytes:
    body = {
        "format": "aigc-creation-log/1",
        "tool": "AUTOMATIC1111",
        "steps": [
            {"action": "generate", "prompt": f"a harbour at dusk, variant {i} " + "x" * 200}
            for i in range(steps)
        ],
    }
    return json.dumps(body).encode()


@pytest.fixture
def heavy(django_user_model, loaded_library, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_user("reader1", password="a-long-pass-123")
    item = services.assessment_create(owner=user, title="Heavy")
    services.creation_log_attach(assessment=item, name="big.json", data=_big_log())
    services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN"]})
    return user, item


def _log_json_read(queries) -> list[str]:
    """Queries that select the logs' JSON column (or a report's result or HTML)."""
    found = []
    for q in queries:
        sql = q["sql"]
        if "assessments_creationlogfile" in sql and '"assessments_creationlogfile"."log"' in sql:
            found.append(sql[:120])
        if "assessments_report" in sql and (
            '"assessments_report"."result"' in sql
            or '"assessments_report"."html"' in sql
            or '"assessments_report"."html_zh"' in sql
        ):
            found.append(sql[:120])
    return found


@pytest.mark.parametrize(
    "path", ["/api/assessments/", "/api/assessments/{pk}/", "/assessments/", "/assessments/{pk}/"]
)
def test_lists_and_details_never_read_the_logs_json(client, heavy, path):
    user, item = heavy
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(pk=item.pk))
    assert response.status_code == 200
    assert _log_json_read(queries.captured_queries) == []
    assert len(queries.captured_queries) <= 15
    if path.startswith("/api/"):
        assert len(response.content) < 10_000


def test_the_check_sees_a_read_of_the_logs_json(heavy):
    from assessments.models import CreationLogFile

    with CaptureQueriesContext(connection) as queries:
        list(CreationLogFile.objects.all())
    assert _log_json_read(queries.captured_queries)

"""Every page, as each role sees it in Chinese, passes the untranslated-text checker: the
signed-out visitor, the creator, the lawyer (with files, a report and a review) and the curator.
What may stay in Latin script is what the reader's own data put there (file names, the work's
title, usernames, prompts as typed) and names as published."""

import json
import re

import pytest
from django.urls import reverse

from assessments import services
from assessments.forms import STEP_SLUGS
from cases.models import Case
from tests.cases.test_chinese_pages import names_of
from tests.untranslated import english_in_chinese

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
PASSWORD = "a-long-pass-123"


def _library_names():
    """The names the library's decisions are known by, as published (the case pages' own rule),
    and the one brand spelt in lower case that a holding names."""
    cases = Case.objects.published().prefetch_related("protected_works", "case_factors")
    return [name for case in cases for name in names_of(case)] + ["iStock"]


DATA = [
    "Harbour at dusk",
    "Planned it.",
    "enslo_sd-webui.png",
    "enslo_sd-webui",
    "counsel",
    "maker",
    "cura",
]


def _main(html: str, data=()) -> str:
    """The page less what the reader's own data put in it: the work's title, file names,
    usernames, and prompts as recorded."""
    html = re.sub(r'<span class="prompt">.*?</span>', " ", html, flags=re.S)
    for item in sorted(data, key=len, reverse=True):
        html = html.replace(item, " ")
    return html


def _check(client, path, allow, problems, method="get", data=None, expect=(200,)):
    response = getattr(client, method)(path, data or {}, **ZH)
    assert response.status_code in expect, (path, response.status_code)
    if "text/html" not in response.get("Content-Type", ""):
        return response
    found = english_in_chinese(_main(response.content.decode(), DATA), allow)
    if found:
        problems[path] = found[:6]
    return response


@pytest.fixture
def people(django_user_model, curator):
    lawyer = django_user_model.objects.create_user("counsel", password=PASSWORD)
    creator = django_user_model.objects.create_user("maker", password=PASSWORD)
    return {"lawyer": lawyer, "creator": creator, "curator": curator}


def test_every_page_in_chinese_for_each_role(client, loaded_library, people, samples):
    allow = _library_names() + ["counsel", "maker", "curator", "enslo_sd-webui.png"]
    problems: dict[str, list[str]] = {}
    png = samples / "a1111" / "enslo_sd-webui.png"

    # Signed out: the library, a case, the logs page (read a file), the account pages, a 404.
    case = Case.objects.published().first()
    for path in ["/", "/cases/", f"/cases/{case.slug}/", "/logs/", "/accounts/login/"]:
        _check(client, path, allow, problems)
    for path in ["/accounts/signup/", "/accounts/password_reset/", "/nope/"]:
        _check(client, path, allow, problems, expect=(200, 404))
    with png.open("rb") as f:
        _check(client, "/logs/", allow, problems, "post", {"files": f, "action": "read"})

    # The creator: their assessments (none yet), the logs page, an assessment started from it.
    client.force_login(people["creator"])
    _check(client, "/assessments/", allow, problems)
    with png.open("rb") as f:
        response = client.post("/logs/", {"files": f, "action": "assess"}, **ZH)
    assert response.status_code == 302
    _check(client, response["Location"], allow, problems)
    _check(client, reverse("password_change"), allow, problems)
    client.logout()

    # The lawyer: an assessment through every step of the intake, with a file, a report, a
    # review and an issued version.
    lawyer = people["lawyer"]
    client.force_login(lawyer)
    assessment = services.assessment_create(owner=lawyer, title="Harbour at dusk")
    allow.append("Harbour at dusk")
    services.creation_log_attach(assessment=assessment, name=png.name, data=png.read_bytes())
    services.assessment_intake_update(
        assessment=assessment,
        intake={"jurisdictions": ["CN", "US", "EU", "UK"], "human_contribution": "Planned it."},
    )
    base = f"/assessments/{assessment.pk}"
    for slug in STEP_SLUGS:
        _check(client, f"{base}/intake/{slug}/", allow, problems)
    _check(client, f"{base}/intake/review/", allow, problems)
    _check(client, f"{base}/", allow, problems)
    report, _ = services.assessment_submit(assessment=assessment, language="zh-hans")
    services.report_build(report_id=report.pk)
    for path in [f"{base}/", f"{base}/report/", f"{base}/review/"]:
        _check(client, path, allow, problems)
    services.report_issue(assessment=assessment, user=lawyer, public_url="http://testserver")
    _check(client, f"{base}/", allow, problems)
    client.logout()

    # The curator: the library's pages as staff see them.
    client.force_login(people["curator"])
    for path in ["/cases/", f"/cases/{case.slug}/", "/assessments/"]:
        _check(client, path, allow, problems)
    assert problems == {}, json.dumps(problems, ensure_ascii=False, indent=1)

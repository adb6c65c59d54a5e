"""The wizard's files step: attach, see what each file holds, name the final work, withdraw a
file (it leaves the assessment, stays in the evidence history with its hash)."""

import hashlib

import pytest
from django.db import IntegrityError, connection, transaction

from assessments import services
from assessments.models import Assessment, CreationLogFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(client, django_user_model):
    user = django_user_model.objects.create_user("filer", password="a-long-pass-123")
    client.force_login(user)
    return Assessment.objects.create(owner=user, title="Harbour at dusk")


def url(assessment):
    return f"/assessments/{assessment.pk}/intake/files/"


def attach(client, assessment, *paths):
    files = [open(p, "rb") for p in paths]
    try:
        return client.post(url(assessment), {"action": "upload", "files": files})
    finally:
        for f in files:
            f.close()


def test_the_wizard_asks_for_the_files_after_the_work(client, assessment):
    response = client.post(
        f"/assessments/{assessment.pk}/intake/about/",
        {"work_title": "Harbour", "work_kind": "image", "direction": "next"},
    )
    assert response["Location"].endswith("/intake/files/")
    page = client.get(url(assessment)).content.decode()
    assert "No file attached yet" in page and "Zhangjiagang 2025" in page


def test_files_attached_show_what_they_hold_and_one_is_named_the_final_work(
    client, assessment, samples
):
    png = samples / "a1111" / "enslo_sd-webui.png"
    response = attach(client, assessment, png)
    assert response.status_code == 200
    page = response.content.decode()
    digest = hashlib.sha256(png.read_bytes()).hexdigest()
    assert digest in page
    assert "AUTOMATIC1111" in page or "Stable Diffusion web UI" in page  # the format, in words
    assert "1 step recorded" in page
    log = assessment.logs.get()
    response = client.post(url(assessment), {"final_file": log.name, "direction": "next"})
    assert response["Location"].endswith("/intake/authorship/")
    assessment.refresh_from_db()
    assert assessment.intake["final_file"] == log.name
    review = client.get(f"/assessments/{assessment.pk}/intake/review/").content.decode()
    assert "the final work" in review and "No file is named as the final work" not in review


def test_a_final_work_must_be_a_file_attached(client, assessment):
    response = client.post(url(assessment), {"final_file": "other.png", "direction": "next"})
    assert response.status_code == 400
    assert "must be one of the files attached" in response.content.decode()
    assessment.refresh_from_db()
    assert "final_file" not in assessment.intake


def test_a_withdrawn_file_leaves_the_assessment_and_stays_in_its_history(
    client, assessment, samples
):
    png = samples / "a1111" / "enslo_sd-webui.png"
    attach(client, assessment, png)
    log = assessment.logs.get()
    client.post(url(assessment), {"final_file": log.name, "direction": "next"})
    response = client.post(url(assessment), {"action": "withdraw", "log": str(log.pk)})
    assert response.status_code == 200
    page = response.content.decode()
    assert "was withdrawn" in page and "name another" in page
    assessment.refresh_from_db()
    assert not assessment.logs.exists()  # the rules no longer read it
    assert "final_file" not in assessment.intake
    kept = CreationLogFile.history.get(pk=log.pk)
    assert kept.withdrawn_at is not None and kept.withdrawn_by == assessment.owner
    digest = hashlib.sha256(png.read_bytes()).hexdigest()
    assert kept.stored.sha256 == digest
    assert "Withdrawn files (evidence history)" in page and digest in page
    # The assessment's own page lists it as withdrawn too.
    detail = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "1 file withdrawn" in detail and digest in detail
    # Attached again: a new entry beside the withdrawn one, which stays as it was.
    attach(client, assessment, png)
    rows = list(CreationLogFile.history.filter(assessment=assessment).order_by("id"))
    assert len(rows) == 2 and rows[0].withdrawn_at is not None and rows[1].withdrawn_at is None
    assert assessment.logs.count() == 1


def test_a_withdrawn_entry_cannot_be_rewritten(client, assessment, samples, django_user_model):
    attach(client, assessment, samples / "a1111" / "enslo_sd-webui.png")
    log = assessment.logs.get()
    colleague = django_user_model.objects.create_user("colleague", password="a-long-pass-123")
    services.creation_log_withdraw(assessment=assessment, log_id=log.pk, user=colleague)
    for change in ({"withdrawn_at": None}, {"name": "renamed.png"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            CreationLogFile.history.filter(pk=log.pk).update(**change)
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE assessments_creationlogfile SET withdrawn_at = NULL WHERE id = %s", [log.pk]
        )
    # Deleting the account that withdrew it only clears who did.
    colleague.delete()
    kept = CreationLogFile.history.get(pk=log.pk)
    assert kept.withdrawn_at is not None and kept.withdrawn_by is None


def test_withdrawing_a_file_of_another_assessment_is_refused(
    client, assessment, samples, django_user_model
):
    other_owner = django_user_model.objects.create_user("other", password="a-long-pass-123")
    other = Assessment.objects.create(owner=other_owner, title="Not yours")
    services.creation_log_attach(
        assessment=other,
        name="x.png",
        data=(samples / "a1111" / "enslo_sd-webui.png").read_bytes(),
    )
    theirs = other.logs.get()
    response = client.post(url(assessment), {"action": "withdraw", "log": str(theirs.pk)})
    assert response.status_code == 404
    assert other.logs.count() == 1
    for bad in ("nope", "-1", "0", str(2**70)):
        response = client.post(url(assessment), {"action": "withdraw", "log": bad})
        assert response.status_code == 404, bad
    response = client.delete(f"/api/assessments/{assessment.pk}/logs/{2**70}/")
    assert response.status_code == 404


def test_a_withdrawn_file_is_not_what_the_report_rests_on(client, assessment, samples):
    attach(client, assessment, samples / "a1111" / "enslo_sd-webui.png")
    before = services.input_digest(assessment=assessment, rulesets={})
    log = assessment.logs.get()
    services.creation_log_withdraw(assessment=assessment, log_id=log.pk, user=assessment.owner)
    assert services.input_digest(assessment=assessment, rulesets={}) != before
    api = client.get(f"/api/assessments/{assessment.pk}/").json()
    assert api["logs"] == []


def test_the_api_withdraws_a_file_and_lists_it_as_withdrawn(client, assessment, samples):
    attach(client, assessment, samples / "a1111" / "enslo_sd-webui.png")
    log = assessment.logs.get()
    response = client.delete(f"/api/assessments/{assessment.pk}/logs/{log.pk}/")
    assert response.status_code == 204
    body = client.get(f"/api/assessments/{assessment.pk}/").json()
    assert body["logs"] == []
    assert [w["sha256"] for w in body["withdrawn_logs"]] == [log.stored.sha256]
    # Withdrawn already: no such file attached.
    response = client.delete(f"/api/assessments/{assessment.pk}/logs/{log.pk}/")
    assert response.status_code == 404 and response.json()["error"] == "log_not_attached"


def test_the_pages_list_every_format_read():
    from assessments.creation_logs import SUPPORTED_FORMATS
    from assessments.labels import SUPPORTED_FORMAT_LABELS

    assert len(SUPPORTED_FORMAT_LABELS) == len(SUPPORTED_FORMATS)
    for (names, _what), line in zip(SUPPORTED_FORMAT_LABELS, SUPPORTED_FORMATS, strict=True):
        assert names.split(",")[0].split(" /")[0].split(" ")[0] in line

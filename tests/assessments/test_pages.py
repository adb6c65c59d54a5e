import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment

pytestmark = pytest.mark.django_db
INFOTEXT = b"a cat on a roof, oil painting, sunset\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"


@pytest.fixture
def lawyer(client, django_user_model, loaded_library, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    user = django_user_model.objects.create_user("lawyer2", password="a-long-pass-123")
    client.force_login(user)
    return user


def test_create_upload_answer_submit_and_read(client, lawyer, django_capture_on_commit_callbacks):
    response = client.post("/assessments/", {"title": "Cat on a roof"})
    assessment = Assessment.objects.get(owner=lawyer)
    assert response.status_code == 302 and response["Location"] == f"/assessments/{assessment.pk}/"
    page = client.post(
        f"/assessments/{assessment.pk}/",
        {
            "action": "upload",
            "files": [
                SimpleUploadedFile("a.txt", INFOTEXT),
                SimpleUploadedFile("bad.json", b"{"),
            ],
        },
    )
    html = page.content.decode()
    # The refusal in words, not its code.
    assert "bad.json" in html and "The file is not valid JSON" in html and "a.txt" in html
    assert "invalid_json" not in html
    assert assessment.logs.count() == 1
    page = client.post(
        f"/assessments/{assessment.pk}/",
        {
            "action": "intake",
            "jurisdictions": ["CN", "US"],
            "author_name": "Li",
            "author_kind": "natural_person",
            "post_editing": "substantial",
            "dispute": "yes",
        },
    )
    assert page.status_code == 200
    assessment.refresh_from_db()
    assert assessment.intake["claimed_author"] == {"name": "Li", "kind": "natural_person"}
    assert assessment.intake["dispute"] is True and "own_inputs" not in assessment.intake
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/assessments/{assessment.pk}/", {"action": "submit"})
    assert response.status_code == 302
    html = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Read the report" in html
    report = client.get(f"/assessments/{assessment.pk}/report/")
    assert report.status_code == 200
    assert "default-src 'none'" in report["Content-Security-Policy"]
    body = report.content.decode()
    assert "cn-bic-li-v-liu-2023" in body and "not legal advice" in body
    client.cookies["django_language"] = "zh-hans"
    assert "著作权评估报告" in client.get(f"/assessments/{assessment.pk}/report/").content.decode()


def test_intake_errors_are_shown_next_to_the_fields(client, lawyer):
    assessment = Assessment.objects.create(owner=lawyer, title="x")
    page = client.post(
        f"/assessments/{assessment.pk}/",
        {"action": "intake", "jurisdictions": ["CN"], "author_kind": "ai"},
    )
    assert page.status_code == 400
    assert "Name the author" in page.content.decode()


def test_submit_with_nothing_is_refused_with_a_message(client, lawyer):
    assessment = Assessment.objects.create(owner=lawyer)
    page = client.post(f"/assessments/{assessment.pk}/", {"action": "submit"})
    assert page.status_code == 400
    assert "Attach at least one creation log" in page.content.decode()


def test_other_users_pages_are_404(client, lawyer, django_user_model):
    assessment = Assessment.objects.create(owner=lawyer, title="private")
    other = django_user_model.objects.create_user("other2", password="a-long-pass-123")
    client.force_login(other)
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
    assert client.post(f"/assessments/{assessment.pk}/", {"action": "submit"}).status_code == 404
    assert client.get(f"/assessments/{assessment.pk}/report/").status_code == 404
    assert "private" not in client.get("/assessments/").content.decode()

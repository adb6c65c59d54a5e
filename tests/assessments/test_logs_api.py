import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import CreationLogFile, StoredFile

pytestmark = pytest.mark.django_db
INFOTEXT = b"a cat on a roof\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user("maker", password="a-long-pass-123")


@pytest.fixture
def api(client, user):
    client.force_login(user)
    return client


def upload(name: str, data: bytes) -> dict:
    return {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream")}


def test_parse_preview_needs_a_user(client):
    response = client.post("/api/creation-logs/parse/", upload("a.txt", INFOTEXT))
    assert response.status_code in (401, 403)
    assert response.json()["error"] in ("not_authenticated", "permission_denied")


def test_parse_preview_returns_the_normalized_log(api, samples):
    data = (samples / "comfyui/comfyexamples_inpaint_example.png").read_bytes()
    body = api.post("/api/creation-logs/parse/", upload("inpaint.png", data)).json()
    assert body["format"] == "aigc-creation-log/1"
    assert body["source_format"] == "comfyui"
    assert body["steps"][0]["action"] == "inpaint"
    assert body["files"][0]["sha256"] and body["files"][0]["width"] == 2374
    assert StoredFile.objects.count() == 0  # stateless


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty_file"),
        (b"\xff\xfe\xfa", "invalid_utf8"),
        (b"[" * 5000, "json_too_deep"),
        (b"hello", "unsupported_format"),
    ],
)
def test_parse_preview_errors_are_json_with_supported_formats(api, data, code):
    response = api.post("/api/creation-logs/parse/", upload("bad.bin", data))
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == code
    assert body["detail"]
    assert any("ComfyUI" in item for item in body["supported_formats"])


def test_missing_file_field(api):
    response = api.post("/api/creation-logs/parse/", {"other": "x"})
    assert response.status_code == 400
    assert response.json()["error"] == "file_required"


def test_oversized_upload_is_413(api, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = api.post("/api/creation-logs/parse/", upload("big.txt", b"x" * 5000))
    assert response.status_code == 413
    assert response.json()["error"] == "file_too_large"


def test_schema_is_served(client, db):
    schema = client.get("/api/creation-logs/schema/").json()
    assert schema["title"] == "aigc-creation-log/1"
    assert "Step" in schema["$defs"]


def test_attach_stores_original_bytes_once(api, user, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    created = api.post(
        "/api/assessments/", {"title": "Spring breeze"}, content_type="application/json"
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    first = api.post(f"/api/assessments/{pk}/logs/", upload("a.txt", INFOTEXT))
    assert first.status_code == 201
    body = first.json()
    assert body["created"] is True
    assert body["log"]["steps"][0]["params"]["seed"] == 42
    again = api.post(f"/api/assessments/{pk}/logs/", upload("renamed.txt", INFOTEXT))
    assert again.status_code == 200
    assert again.json()["created"] is False
    assert StoredFile.objects.count() == 1
    stored = StoredFile.objects.get()
    assert stored.file.read() == INFOTEXT
    assert stored.sha256 == body["sha256"]
    detail = api.get(f"/api/assessments/{pk}/").json()
    assert [log["sha256"] for log in detail["logs"]] == [body["sha256"]]


def test_a_bad_file_is_refused_and_nothing_else_is_lost(api, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    pk = api.post("/api/assessments/", {}, content_type="application/json").json()["id"]
    api.post(f"/api/assessments/{pk}/logs/", upload("a.txt", INFOTEXT))
    bad = api.post(
        f"/api/assessments/{pk}/logs/",
        upload("b.json", b'{"format": "aigc-creation-log/1", "steps": 3}'),
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == "invalid_log"
    assert CreationLogFile.objects.filter(assessment_id=pk).count() == 1


def test_other_users_assessment_is_404(api, django_user_model, client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    pk = api.post("/api/assessments/", {"title": "mine"}, content_type="application/json").json()[
        "id"
    ]
    stranger = django_user_model.objects.create_user("stranger", password="a-long-pass-123")
    client.force_login(stranger)
    assert client.get(f"/api/assessments/{pk}/").status_code == 404
    response = client.post(f"/api/assessments/{pk}/logs/", upload("a.txt", INFOTEXT))
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert client.get("/api/assessments/").json()["results"] == []


def test_unknown_fields_in_create_are_refused(api):
    response = api.post("/api/assessments/", {"titel": "x"}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith("titel:")


def test_preview_page_works_signed_out_and_lists_each_file_in_words(client, user, samples):
    signed_out = client.get("/logs/")
    assert signed_out.status_code == 200
    assert "Sign in</a> to keep them as evidence" in signed_out.content.decode()
    assert "Start an assessment with these files" not in signed_out.content.decode()
    client.force_login(user)
    files = [
        SimpleUploadedFile(
            "inpaint.png", (samples / "comfyui/comfyexamples_inpaint_example.png").read_bytes()
        ),
        SimpleUploadedFile("broken.json", b'{"nope": '),
        SimpleUploadedFile("gimp.jpg", (samples / "negative/enslo_gimp-resaved.jpg").read_bytes()),
    ]
    page = client.post("/logs/", {"files": files})
    assert page.status_code == 200
    html = page.content.decode()
    assert "closeup photograph of maine coon" in html
    assert "Inpainted" in html and "ComfyUI workflow" in html
    assert "broken.json" in html and "Could not be read:" in html
    assert "No generation metadata in this file." in html
    # Codes stay in the API: the page speaks words.
    for code in ("invalid_json", "no_generation_metadata", "user_supplied", "(unknown)", "· ·"):
        assert code not in html, code
    assert "Start an assessment with these files" in html


def test_files_read_on_the_page_start_an_assessment(client, user, samples):
    from assessments.models import Assessment

    client.force_login(user)
    image = (samples / "comfyui/comfyexamples_inpaint_example.png").read_bytes()
    files = [
        SimpleUploadedFile("harbour.png", image),
        SimpleUploadedFile("broken.json", b'{"nope": '),
    ]
    response = client.post("/logs/", {"files": files, "action": "assess"})
    assessment = Assessment.objects.get(owner=user)
    assert response.status_code == 302 and response["Location"] == f"/assessments/{assessment.pk}/"
    assert assessment.title == "harbour"
    assert [f.name for f in assessment.logs.all()] == ["harbour.png"]
    page = client.get(response["Location"]).content.decode()
    assert "broken.json:" in page  # the file left out is named, with why
    client.logout()
    anonymous = client.post(
        "/logs/", {"files": [SimpleUploadedFile("a.png", image)], "action": "assess"}
    )
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]


def test_prompt_text_is_escaped_on_the_page(client, user):
    client.force_login(user)
    evil = b"<script>alert(1)</script> a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8"
    html = client.post("/logs/", {"files": [SimpleUploadedFile("x.txt", evil)]}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_assessment_list_is_paginated_and_filtered_by_status(api, user):
    from assessments.models import Assessment

    for n in range(3):
        Assessment.objects.create(owner=user, title=f"w{n}", status="done" if n else "draft")
    body = api.get("/api/assessments/", {"page_size": 2}).json()
    assert body["count"] == 3 and len(body["results"]) == 2 and body["next"]
    assert [
        a["title"] for a in api.get("/api/assessments/", {"status": "draft"}).json()["results"]
    ] == ["w0"]
    bad = api.get("/api/assessments/", {"status": "finished"})
    assert bad.status_code == 400 and bad.json()["detail"].startswith("status:")
    assert api.get("/api/assessments/", {"sort": "x"}).status_code == 400


def test_new_evidence_makes_a_finished_report_stale(api, user, tmp_path, settings):
    from assessments import services
    from assessments.models import Assessment

    settings.MEDIA_ROOT = tmp_path
    assessment = Assessment.objects.create(owner=user, status="done")
    services.creation_log_attach(assessment=assessment, name="a.txt", data=INFOTEXT)
    assessment.refresh_from_db()
    assert assessment.status == "draft"

"""A rerun shows what changed against the last issued version, or against the previous draft
where none was issued: verdicts, scores, confidence, decisions cited, infringement risk."""

import pytest

from assessments import services
from assessments.reports.diff import result_diff
from assessments.rules.result import Result
from tests.assessments.test_workflow import INFOTEXT

pytestmark = pytest.mark.django_db

EDITED = {
    "post_editing": {"extent": "substantial", "description": "repainted the face by hand"},
    "jurisdictions": ["CN", "US"],
}


def _submit(item, capture):
    with capture(execute=True):
        services.assessment_submit(assessment=item)


def test_a_rerun_shows_what_changed(
    client,
    django_user_model,
    loaded_library,
    tmp_path,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path
    owner = django_user_model.objects.create_user("lawyer8", password="a-long-pass-123")
    item = services.assessment_create(owner=owner, title="Spring breeze")
    services.creation_log_attach(assessment=item, name="a.txt", data=INFOTEXT)
    services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN", "US"]})
    services.assessment_languages_update(assessment=item, languages=["en"])
    _submit(item, django_capture_on_commit_callbacks)
    client.force_login(owner)
    url = f"/api/assessments/{item.pk}/report/diff/"
    assert client.get(url).json()["error"] == "nothing_to_compare"

    services.assessment_intake_update(assessment=item, intake=EDITED)
    _submit(item, django_capture_on_commit_callbacks)
    first, second = item.reports.filter(status="done").order_by("created_at")
    expected = result_diff(
        Result.model_validate(first.result), Result.model_validate(second.result)
    )
    body = client.get(url).json()
    assert body["against"] == {"kind": "draft", "report": first.pk}
    assert {k: v for k, v in body.items() if k != "against"} == expected
    assert expected["changed"]
    changed = {j["jurisdiction"]: j for j in expected["jurisdictions"]}
    before = {c: first.result["jurisdictions"][c] for c in ("CN", "US")}
    after = {c: second.result["jurisdictions"][c] for c in ("CN", "US")}
    for code in ("CN", "US"):
        if before[code]["score"] != after[code]["score"]:
            assert changed[code]["score"] == {
                "before": before[code]["score"],
                "after": after[code]["score"],
            }
        if before[code]["verdict"] != after[code]["verdict"]:
            assert changed[code]["verdict"]["after"] == after[code]["verdict"]
    page = client.get(f"/assessments/{item.pk}/").content.decode()
    assert "What changed since the previous report" in page
    assert "China" in page[page.index("What changed since") :]


def test_the_diff_of_a_result_with_itself_is_empty(loaded_library, samples):
    from assessments.assessment import result_build
    from assessments.creation_logs import parse
    from assessments.rules import Intake

    path = samples / "comfyui/comfyexamples_inpaint_example.png"
    result = result_build(
        logs=[parse(path.read_bytes(), path.name)], intake=Intake(jurisdictions=["CN", "EU"])
    )
    assert result_diff(result, result) == {
        "jurisdictions": [],
        "infringement": None,
        "changed": False,
    }
    fewer = result.model_copy(update={"jurisdictions": {"CN": result.jurisdictions["CN"]}})
    diff = result_diff(result, fewer)
    assert diff["jurisdictions"] == [
        {"jurisdiction": "EU", "assessed": {"before": True, "after": False}}
    ]

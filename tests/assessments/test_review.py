"""Counsel's review: a covering note, a conclusion overridden with a reason (the engine's stays
visible beside it, with who and when), notes on findings, added recommendations; carried to the
next build where the finding stands, listed where it no longer does; frozen by issuing."""

import json
import re
import shutil
import subprocess

import pytest
from django.test import Client
from markupsafe import escape

from assessments import services
from assessments.models import ReportVersion
from tests.assessments.test_workflow import INFOTEXT

pytestmark = pytest.mark.django_db


@pytest.fixture
def counsel(django_user_model):
    return django_user_model.objects.create_user(
        "counsel2", password="a-long-pass-123", first_name="Ana", last_name="Ruiz"
    )


@pytest.fixture
def built(counsel, loaded_library, tmp_path, settings, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    item = services.assessment_create(owner=counsel, title="Spring breeze")
    services.creation_log_attach(assessment=item, name="a.txt", data=INFOTEXT)
    services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN", "US"]})
    services.assessment_languages_update(assessment=item, languages=["en"])
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=item)
    return item


def _put(client, pk, body):
    return client.put(
        f"/api/assessments/{pk}/review/", json.dumps(body), content_type="application/json"
    )


def _key(finding):
    return f"{finding['factor']}/{finding['rule']}" if finding["rule"] else finding["factor"]


def _review(result):
    cn = result["jurisdictions"]["CN"]
    factor = _key(cn["findings"][0])
    return factor, {
        "cover": "We reviewed the generation records with the client on 2 Dec.",
        "overrides": {"CN": {"verdict": "protectable", "reason": "The client's sketches show it."}},
        "annotations": [
            {"jurisdiction": "CN", "factor": factor, "text": "Confirmed with the raw files."},
            {"jurisdiction": "US", "factor": "F9", "text": "Ask about the collage."},
        ],
        "recommendations": [{"jurisdiction": "", "text": "Export the ComfyUI history today."}],
    }


def test_counsel_reviews_and_the_report_prints_it_beside_the_engine(
    client, counsel, built, django_user_model
):
    client.force_login(counsel)
    result = client.get(f"/api/assessments/{built.pk}/report/").json()
    factor, body = _review(result)
    response = _put(client, built.pk, body)
    assert response.status_code == 200, response.content
    saved = response.json()
    assert saved["overrides"]["CN"]["verdict"] == "protectable"
    assert saved["overrides"]["CN"]["by"] == "Ana Ruiz"
    has_f9 = any(f["factor"] == "F9" for f in result["jurisdictions"]["US"]["findings"])
    assert saved["stale"] == ([] if has_f9 else ["US:F9"])

    page = client.get(f"/assessments/{built.pk}/report/").content.decode()
    engine = result["jurisdictions"]["CN"]["verdict"].replace("_", " ")
    assert "Counsel&#39;s conclusion" in page and "(overridden)" in page
    assert f"the assessment gave: {engine}" in page  # the engine's conclusion stays visible
    assert "The client&#39;s sketches show it." in page
    assert "Confirmed with the raw files." in page and "We reviewed the generation records" in page
    assert "Export the ComfyUI history today." in page and "(counsel; for:" in page
    if not has_f9:
        assert "Counsel&#39;s notes on findings this version no longer has" in page
        assert "Ask about the collage." in page

    # Saving the same review again keeps each note's author and date; the result is unchanged.
    again = _put(client, built.pk, body).json()
    assert again["cover"] == saved["cover"]
    assert client.get(f"/api/assessments/{built.pk}/report/").json() == result


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"overrides": {"CN": {"verdict": "maybe", "reason": "x"}}}, "verdict"),
        ({"overrides": {"XX": {"verdict": "protectable", "reason": "x"}}}, "jurisdiction"),
        ({"overrides": {"CN": {"verdict": "protectable", "reason": ""}}}, "reason"),
        ({"annotations": [{"jurisdiction": "CN", "factor": "G2", "text": "x"}]}, "factor"),
        ({"cover": "x" * 10_001}, "at most"),
        ({"typo": 1}, "cover, overrides"),
        ({"annotations": "text"}, "list"),
    ],
)
def test_a_bad_review_is_refused_naming_the_field(client, counsel, built, body, words):
    client.force_login(counsel)
    response = _put(client, built.pk, body)
    assert response.status_code == 400
    assert response.json()["error"] == "invalid_review" and words in response.json()["detail"]


def test_only_the_owner_and_editors_write_it(client, counsel, built, django_user_model):
    reader = django_user_model.objects.create_user("reader3", password="a-long-pass-123")
    services.assessment_share(assessment=built, username="reader3", can_edit=False)
    other = Client()
    other.force_login(reader)
    assert other.get(f"/api/assessments/{built.pk}/review/").status_code == 200
    assert _put(other, built.pk, {"cover": "mine"}).status_code == 403
    assert other.get(f"/assessments/{built.pk}/review/").status_code == 403
    stranger = django_user_model.objects.create_user("stranger3", password="a-long-pass-123")
    other.force_login(stranger)
    assert _put(other, built.pk, {"cover": "mine"}).status_code == 404


def test_the_review_page_saves_and_issuing_freezes_it(
    client, counsel, built, django_capture_on_commit_callbacks, pdf_renderer
):
    client.force_login(counsel)
    result = client.get(f"/api/assessments/{built.pk}/report/").json()
    factor = _key(result["jurisdictions"]["CN"]["findings"][0])
    page = client.get(f"/assessments/{built.pk}/review/")
    assert page.status_code == 200 and f'name="note_CN_{factor}"' in page.content.decode()
    saved = client.post(
        f"/assessments/{built.pk}/review/",
        {
            "cover": "Covering note for the client.",
            "override_CN": "partially_protectable",
            "reason_CN": "Only the composition is the client's.",
            f"note_CN_{factor}": "Checked.",
            "recommendations": "Keep the sketches.\nDate every draft.",
        },
    )
    assert saved.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/assessments/{built.pk}/report/issue/").status_code == 202
    first = ReportVersion.objects.get()
    assert first.review["overrides"]["CN"]["verdict"] == "partially_protectable"
    if shutil.which("pdftotext"):
        pdf = client.get(f"/api/assessments/{built.pk}/report/versions/1.pdf").content
        text = " ".join(
            subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
            .stdout.decode()
            .split()
        )
        assert "Covering note for the client." in text
        assert "Only the composition is the client's." in text
    # A changed review is a new version of the same report; v1 keeps its review.
    services.review_update(assessment=built, user=counsel, data={"cover": "Revised note."})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/api/assessments/{built.pk}/report/issue/").status_code == 202
    assert list(ReportVersion.objects.values_list("number", flat=True)) == [2, 1]
    first.refresh_from_db()
    assert first.review["cover"]["text"] == "Covering note for the client."


def test_two_findings_on_one_factor_take_a_note_each(client, counsel, built):
    """The factor's own measure and the jurisdiction's rule on it are two findings, with two
    headings and a note each (a rule's finding is known by factor and rule: F2/prompts_only)."""
    client.force_login(counsel)
    services.assessment_intake_update(
        assessment=built, intake={"jurisdictions": ["CN", "US", "EU"]}
    )
    report, _ = services.assessment_submit(assessment=built)
    services.report_build(report_id=report.pk)
    result = client.get(f"/api/assessments/{built.pk}/report/").json()
    eu = result["jurisdictions"]["EU"]["findings"]
    on_f2 = [f for f in eu if f["factor"] == "F2"]
    assert sorted(_key(f) for f in on_f2) == ["F2", "F2/prompts_only"]
    assert {f["title"] for f in on_f2} == {"", "Prompting alone"}
    body = {
        "annotations": [
            {"jurisdiction": "EU", "factor": "F2", "text": "The prompt is long but generic."},
            {
                "jurisdiction": "EU",
                "factor": "F2/prompts_only",
                "text": "Prague is first-instance.",
            },
        ]
    }
    assert _put(client, built.pk, body).status_code == 200
    html = client.get(f"/assessments/{built.pk}/report/").content.decode()
    assert html.count("The prompt is long but generic.") == 1 and html.count("Prague is first") == 1
    # Each note follows its own finding's paragraph.
    note = r'</p>\s*<p class="counsel"><strong>Counsel&#39;s note</strong>: '
    assert re.search(r"<strong>Prompting alone</strong>[^\n]*" + note + "Prague is first", html)
    assert re.search(
        r"<strong>Prompt specificity</strong>[^\n]*" + note + "The prompt is long", html
    )
    page = client.get(f"/assessments/{built.pk}/review/").content.decode()
    assert 'name="note_EU_F2"' in page and 'name="note_EU_F2/prompts_only"' in page
    wrong = _put(client, built.pk, {"annotations": [{"jurisdiction": "EU", "factor": "F2/x y"}]})
    assert wrong.status_code == 400 and "F2/prompts_only" in wrong.json()["detail"]


def test_counsel_rewords_or_leaves_out_the_assessments_recommendations(client, counsel, built):
    client.force_login(counsel)
    review = client.get(f"/api/assessments/{built.pk}/review/").json()
    made = review["made"]
    assert len(made) >= 2 and all(m["key"].startswith("r-") for m in made)
    reworded, omitted = made[0], made[1]
    body = {
        "recommendations": [
            {"replaces": reworded["key"], "text": "Export the A1111 history tonight."},
            {"replaces": omitted["key"], "omit": True},
        ]
    }
    saved = _put(client, built.pk, body)
    assert saved.status_code == 200 and set(saved.json()["edits"]) == {
        reworded["key"],
        omitted["key"],
    }
    html = client.get(f"/assessments/{built.pk}/report/").content.decode()
    todo = html[html.index("3. What to do") : html.index("5. Analogous decisions")]
    assert "Export the A1111 history tonight." in todo and "as worded by counsel" in todo
    assert str(escape(reworded["text"])) not in todo
    # Left out everywhere: the checklist and each answer's "what would change it".
    assert str(escape(omitted["text"])) not in html
    # The review page offers each recommendation, reworded or left out as saved.
    page = client.get(f"/assessments/{built.pk}/review/").content.decode()
    assert f'name="omit_{omitted["key"]}" checked' in page
    assert "Export the A1111 history tonight." in page
    # Bad keys and an omit without a key are refused by name.
    for bad in ({"replaces": "F2", "text": "x"}, {"omit": True, "text": "x"}):
        refused = _put(client, built.pk, {"recommendations": [bad]})
        assert refused.status_code == 400, bad
    twice = _put(
        client,
        built.pk,
        {"recommendations": [{"replaces": omitted["key"], "omit": True}] * 2},
    )
    assert twice.status_code == 400


def test_a_rerun_lists_what_of_the_review_was_carried_and_what_no_longer_applies(
    client, counsel, built
):
    client.force_login(counsel)
    result = client.get(f"/api/assessments/{built.pk}/report/").json()
    body = _review(result)[1]
    assert _put(client, built.pk, body).status_code == 200
    # A rerun assessing China alone: the US note and nothing else is left without its finding.
    services.assessment_intake_update(assessment=built, intake={"jurisdictions": ["CN"]})
    report, _ = services.assessment_submit(assessment=built)
    services.report_build(report_id=report.pk)
    review = client.get(f"/api/assessments/{built.pk}/review/").json()
    assert review["no_longer_apply"]["annotations"] == ["US:F9"]
    assert review["carried"] == {"annotations": 1, "overrides": 1, "edits": 0}
    page = client.get(f"/assessments/{built.pk}/").content.decode()
    assert "Your review carried to this report: 1 note(s) on findings, 1 conclusion(s)" in page
    assert "1 note no longer applies" in page
    html = client.get(f"/assessments/{built.pk}/report/").content.decode()
    assert "Counsel&#39;s notes on findings this version no longer has" in html
    assert "Ask about the collage." in html

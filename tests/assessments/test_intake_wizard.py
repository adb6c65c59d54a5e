import re

import pytest

from assessments.forms import STEP_SLUGS
from assessments.models import Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(client, django_user_model):
    user = django_user_model.objects.create_user("wizard", password="a-long-pass-123")
    client.force_login(user)
    return Assessment.objects.create(owner=user, title="Wizard work")


def step(client, assessment, slug, data, direction="next"):
    return client.post(
        f"/assessments/{assessment.pk}/intake/{slug}/", {**data, "direction": direction}
    )


def test_steps_save_drafts_resume_and_review(client, assessment):
    assert client.get(f"/assessments/{assessment.pk}/intake/")["Location"].endswith(
        "/intake/about/"
    )
    response = step(client, assessment, "about", {"work_title": "Spring", "work_kind": "image"})
    assert response["Location"].endswith("/intake/files/")
    assessment.refresh_from_db()
    assert assessment.intake == {"work_title": "Spring", "work_kind": "image"}
    # Resuming goes where the user left.
    assert client.get(f"/assessments/{assessment.pk}/intake/")["Location"].endswith(
        "/intake/files/"
    )
    assert step(client, assessment, "files", {})["Location"].endswith("/intake/authorship/")
    step(client, assessment, "authorship", {"author_name": "Li", "author_kind": "natural_person"})
    # Going back keeps what was answered.
    response = step(
        client,
        assessment,
        "tools",
        {"ai_tool_terms_assign_rights_to_user": "yes"},
        direction="back",
    )
    assert response["Location"].endswith("/intake/authorship/")
    page = client.get(f"/assessments/{assessment.pk}/intake/authorship/").content.decode()
    assert 'value="Li"' in page
    assessment.refresh_from_db()
    assert assessment.intake["ai_tool_terms_assign_rights_to_user"] is True
    for slug in STEP_SLUGS[3:-1]:
        step(client, assessment, slug, {})
    response = step(client, assessment, "jurisdictions", {"jurisdictions": ["CN", "US"]})
    assert response["Location"].endswith("/intake/review/")
    review = client.get(f"/assessments/{assessment.pk}/intake/review/").content.decode()
    assert "Spring" in review and "Li" in review and "Unknown" in review


def test_each_step_validates_next_to_its_fields(client, assessment):
    response = step(client, assessment, "authorship", {"author_kind": "ai"})
    assert response.status_code == 400
    assert "Name the author" in response.content.decode()
    response = step(client, assessment, "jurisdictions", {"jurisdictions": ["XX"]})
    assert response.status_code == 400
    assert "XX" in response.content.decode()


def test_steps_say_why_they_are_asked_and_which_are_optional(client, assessment):
    page = client.get(f"/assessments/{assessment.pk}/intake/publication/").content.decode()
    assert "Labelling and disclosure duties" in page and "This step is optional" in page
    page = client.get(f"/assessments/{assessment.pk}/intake/tools/").content.decode()
    assert "Changshu" in page and "Cassazione" in page and "This step is optional" not in page
    page = client.get(f"/assessments/{assessment.pk}/intake/dispute/").content.decode()
    assert "Zhangjiagang" in page
    # Said once, in plain words: the step's reason, not the field's help again, and no codes.
    assert page.count("re-created") == 1
    for slug in STEP_SLUGS:
        page = client.get(f"/assessments/{assessment.pk}/intake/{slug}/").content.decode()
        main = page[page.index("<main>") : page.index("</main>")]
        assert not re.search(r"\bF\d{1,2}\b", main), slug
        assert f"of {len(STEP_SLUGS) + 1}" in main  # the steps and Review


def test_the_wizard_carries_the_title_over_and_review_says_what_is_missing(client, assessment):
    page = client.get(f"/assessments/{assessment.pk}/intake/about/").content.decode()
    assert f'value="{assessment.title}"' in page
    review = client.get(f"/assessments/{assessment.pk}/intake/review/").content.decode()
    assert "No process records are attached." in review and "Zhangjiagang 2025" in review
    step(client, assessment, "jurisdictions", {"jurisdictions": ["CN", "UK"]})
    review = client.get(f"/assessments/{assessment.pk}/intake/review/").content.decode()
    assert "China, United Kingdom" in review


def test_the_work_title_can_be_cleared_and_stays_cleared(client, assessment):
    """The title carried over from the assessment is a default, not a value that comes back: a
    lawyer who clears it says the work is untitled."""
    from assessments import services

    step(client, assessment, "about", {"work_title": "", "work_kind": "image"})
    assessment.refresh_from_db()
    assert assessment.intake["work_title"] == ""
    page = client.get(f"/assessments/{assessment.pk}/intake/about/").content.decode()
    assert f'value="{assessment.title}"' not in page
    assert services.work_title(assessment) is None
    assert services._intake_of(assessment).work_title is None
    step(client, assessment, "about", {"work_title": "Dusk", "work_kind": "image"})
    assessment.refresh_from_db()
    assert services.work_title(assessment) == "Dusk"


def test_clearing_an_answer_makes_it_unknown_again(client, assessment):
    step(client, assessment, "inputs", {"own_inputs": "yes"})
    step(client, assessment, "inputs", {"own_inputs": ""})
    assessment.refresh_from_db()
    assert "own_inputs" not in assessment.intake


def test_unknown_steps_are_404(client, assessment):
    assert client.get(f"/assessments/{assessment.pk}/intake/nope/").status_code == 404


def test_the_wizard_asks_for_the_facts_that_decide_and_keeps_them(client, assessment):
    """Rounds, candidates and why one was kept, regional edits, own input, editing time and the
    before/after files, who operated the tool, when the dispute began: saved as the intake the
    rules read, and shown back on review."""
    step(
        client,
        assessment,
        "authorship",
        {"author_name": "Li", "author_kind": "natural_person", "operator": "employee"},
    )
    step(
        client,
        assessment,
        "process",
        {
            "human_contribution": "Planned a dusk harbour.",
            "rounds": "38",
            "prompt_changes": "moved the lantern",
        },
    )
    step(
        client,
        assessment,
        "selection",
        {
            "candidates": "400",
            "selection_reason": "the gaze meets the lantern",
            "regional_edits": "6",
        },
    )
    step(
        client,
        assessment,
        "editing",
        {
            "post_editing": "substantial",
            "post_editing_hours": "3.5",
            "before_after_files": "yes",
            "text_rewritten_share": "40",
        },
    )
    step(
        client,
        assessment,
        "inputs",
        {"own_inputs": "yes", "own_input_description": "my pencil sketch as the init"},
    )
    step(client, assessment, "dispute", {"dispute": "yes", "dispute_began_on": "2026-03-01"})
    assessment.refresh_from_db()
    intake = assessment.intake
    assert intake["rounds"] == 38 and intake["candidates"] == 400 and intake["regional_edits"] == 6
    assert intake["selection_reason"] == "the gaze meets the lantern"
    assert intake["operator"] == "employee"
    assert intake["post_editing"] == {
        "extent": "substantial",
        "hours": 3.5,
        "before_after_files": True,
    }
    assert intake["text_rewritten_share"] == 0.4
    assert intake["dispute_began_on"] == "2026-03-01"
    assert intake["own_input_description"] == "my pencil sketch as the init"
    review = client.get(f"/assessments/{assessment.pk}/intake/review/").content.decode()
    assert "400" in review and "the gaze meets the lantern" in review and "2026-03-01" in review
    # The same answers again, in Chinese, with the questions in Chinese.
    page = client.get(
        f"/assessments/{assessment.pk}/intake/selection/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "查看过的候选输出数量" in page and 'value="400"' in page


def test_what_the_tool_did_is_asked_and_kept(client, assessment):
    step(client, assessment, "tools", {"tool_role": "assisted"})
    assessment.refresh_from_db()
    assert assessment.intake["tool_role"] == "assisted"
    step(client, assessment, "tools", {"tool_role": ""})
    assessment.refresh_from_db()
    assert "tool_role" not in assessment.intake


def test_other_countries_are_asked_by_name_and_kept(client, assessment):
    page = client.get(f"/assessments/{assessment.pk}/intake/jurisdictions/").content.decode()
    assert "Japan" in page and "United Kingdom" in page
    step(
        client,
        assessment,
        "jurisdictions",
        {"jurisdictions": ["CN"], "other_jurisdictions": ["JP"]},
    )
    assessment.refresh_from_db()
    assert assessment.intake["other_jurisdictions"] == ["JP"]


def test_chinese_forms_put_a_full_width_colon_after_each_label():
    from django.utils import translation

    from accounts.forms import SignUpForm
    from assessments.forms import IntakeForm

    with translation.override("zh-hans"):
        assert IntakeForm()["work_title"].label_tag().endswith("：</label>")
        assert SignUpForm()["username"].label_tag().endswith("：</label>")
    with translation.override("en"):
        assert IntakeForm()["work_title"].label_tag().endswith(":</label>")

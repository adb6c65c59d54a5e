"""A material change in the law a report rests on marks it: a ruleset at another version, or a
cited decision whose holding, outcome, status of proceedings or factors changed in substance.
A typo fix (spacing, case, punctuation) marks nothing."""

import pytest

from assessments import selectors, services
from cases.material import changed_in_substance
from cases.models import Case, CaseFactor, Factor
from tests.assessments.test_workflow import INFOTEXT

pytestmark = pytest.mark.django_db


def test_only_a_change_of_words_in_a_holding_is_material():
    old = {"holding_en": "The image is a work.", "outcome": "granted"}
    assert changed_in_substance(old, {**old, "holding_en": "The image is a  work"}) == []
    assert changed_in_substance(old, {**old, "holding_en": "the Image is a work!"}) == []
    # One inserted word reverses a holding: always material.
    assert changed_in_substance(old, {**old, "holding_en": "The image is not a work."}) == [
        "holding_en"
    ]
    assert changed_in_substance(old, {**old, "outcome": "denied"}) == ["outcome"]


@pytest.fixture
def built(
    django_user_model, loaded_library, tmp_path, settings, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    owner = django_user_model.objects.create_user("lawyer7", password="a-long-pass-123")
    item = services.assessment_create(owner=owner, title="Spring breeze")
    services.creation_log_attach(assessment=item, name="a.txt", data=INFOTEXT)
    services.assessment_intake_update(assessment=item, intake={"jurisdictions": ["CN"]})
    services.assessment_languages_update(assessment=item, languages=["en"])
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=item)
    return owner, item


def _cited(item) -> Case:
    report = item.reports.get(status="done")
    return Case.objects.get(slug=next(iter(report.result["authorities"])))


def test_a_typo_fix_marks_nothing_and_a_new_holding_marks_the_report(client, built):
    owner, item = built
    report = item.reports.get(status="done")
    assert selectors.report_law_changes(report) is None
    case = _cited(item)
    case.holding_en = case.holding_en.replace(".", " .", 1).upper()
    case.save()
    assert selectors.report_law_changes(report) is None
    case.holding_en = "On appeal, the court held the opposite: " + case.holding_en
    case.save()
    changes = selectors.report_law_changes(report)
    assert [d["slug"] for d in changes["decisions"]] == [case.slug]
    client.force_login(owner)
    detail = client.get(f"/api/assessments/{item.pk}/").json()
    assert detail["law_changed"]["decisions"][0]["slug"] == case.slug
    page = client.get(f"/assessments/{item.pk}/").content.decode()
    assert "The law changed since this report." in page
    assert case.short_name.replace('"', "&quot;") in page or case.short_name in page


def test_a_status_or_factor_change_or_a_new_ruleset_marks_the_report(built, monkeypatch):
    owner, item = built
    report = item.reports.get(status="done")
    case = _cited(item)
    case.proceeding_status = "on_appeal" if case.proceeding_status != "on_appeal" else "decided"
    case.save()
    changed = selectors.report_law_changes(report)["decisions"][0]
    assert changed["status_now"] == case.proceeding_status != changed["status_then"]

    other = (
        Case.objects.exclude(pk=case.pk).filter(slug__in=list(report.result["authorities"])).first()
    )
    if other is not None:
        link = CaseFactor.objects.filter(case=other).first()
        unused = Factor.objects.exclude(case_factors__case=other).first()
        CaseFactor.objects.create(case=other, factor=unused, treatment=link.treatment)
        slugs = [d["slug"] for d in selectors.report_law_changes(report)["decisions"]]
        assert other.slug in slugs

    monkeypatch.setattr(selectors, "ruleset_id", lambda code: f"{code}-2027.1")
    moved = selectors.report_law_changes(report)["rulesets"]
    assert moved == [
        {
            "jurisdiction": "CN",
            "name": "China",
            "name_zh": "中国",
            "then": report.rulesets["CN"],
            "now": "CN-2027.1",
        }
    ]


def test_the_owners_list_shows_which_issued_reports_are_affected(
    client, built, django_capture_on_commit_callbacks, pdf_renderer
):
    owner, item = built
    with django_capture_on_commit_callbacks(execute=True):
        services.report_issue(assessment=item, user=owner, public_url="http://testserver")
    client.force_login(owner)
    assert (
        "The law changed since issued version" not in client.get("/assessments/").content.decode()
    )
    case = _cited(item)
    case.holding_en = "Reversed: " + case.holding_en
    case.save()
    listing = client.get("/assessments/").content.decode()
    assert "The law changed since issued version 1" in listing
    versions = client.get(f"/api/assessments/{item.pk}/report/versions/").json()
    assert versions[0]["law_changed"]["decisions"][0]["slug"] == case.slug

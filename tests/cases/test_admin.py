import pytest
from django.urls import reverse

from cases.models import Case

pytestmark = pytest.mark.django_db


def test_curator_sees_the_case_admin_with_filters_and_search(curator_client, loaded_library):
    url = reverse("admin:cases_case_changelist")
    page = curator_client.get(url, {"jurisdiction__exact": "CN", "q": "Ultraman"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Ultraman (Guangzhou Internet Court)" in html
    assert "Thaler" not in html


def test_curator_change_form_has_inlines(curator_client, loaded_library):
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    page = curator_client.get(reverse("admin:cases_case_change", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "sources-TOTAL_FORMS" in html
    assert "case_factors-TOTAL_FORMS" in html
    assert "scenario-TOTAL_FORMS" in html


# Cited by no ruleset and no lexicon entry, so it may be unpublished.
UNCITED = "in-raghav-suryast"


def test_publish_and_unpublish_actions(curator_client, loaded_library):
    case = Case.objects.get(slug=UNCITED)
    url = reverse("admin:cases_case_changelist")
    curator_client.post(url, {"action": "unpublish", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.status == "draft"
    assert curator_client.get(f"/api/cases/{UNCITED}/").status_code == 404
    curator_client.post(url, {"action": "publish", "_selected_action": [case.pk]})
    case.refresh_from_db()
    assert case.status == "published"
    assert case.published_at is not None


def test_history_records_who_changed_what(curator_client, curator, loaded_library):
    case = Case.objects.get(slug=UNCITED)
    curator_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "unpublish", "_selected_action": [case.pk]},
    )
    latest = case.history.latest("history_date")
    assert latest.history_user == curator
    assert latest.status == "draft"
    page = curator_client.get(reverse("admin:cases_case_history", args=[case.pk]))
    assert page.status_code == 200
    assert "cura" in page.content.decode()


def test_import_and_export_pages(curator_client, loaded_library):
    assert curator_client.get(reverse("admin:cases_case_import")).status_code == 200
    assert curator_client.get(reverse("admin:cases_case_export")).status_code == 200


def test_curator_cannot_manage_users(curator_client):
    assert curator_client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_non_staff_cannot_open_the_admin(client, django_user_model):
    user = django_user_model.objects.create_user("plain", password="a-long-pass-123")
    client.force_login(user)
    response = client.get(reverse("admin:cases_case_changelist"))
    assert response.status_code == 302

"""Curating as a curator would: import an unchanged export, save a form from a browser, unpublish
a decision that something cites, read the history."""

import re
from html.parser import HTMLParser

import pytest
import tablib
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from cases.admin import CaseResource
from cases.models import Case, Source
from cases.services import CaseCited, case_unpublish

pytestmark = pytest.mark.django_db


def _history_rows() -> int:
    return Case.history.count() + Source.history.count()


def test_importing_an_unchanged_export_changes_nothing_and_writes_no_history(loaded_library):
    exported = CaseResource().export()
    before = _history_rows()
    for fmt in ("csv", "json"):
        dataset = tablib.Dataset().load(getattr(exported, fmt), format=fmt)
        result = CaseResource().import_data(dataset, dry_run=False, raise_errors=True)
        assert result.totals["update"] == 0, fmt
        assert result.totals["skip"] == len(loaded_library.cases), fmt
    assert _history_rows() == before


def test_an_import_cannot_publish_or_unpublish(loaded_library):
    exported = CaseResource().export()
    dataset = tablib.Dataset().load(exported.csv, format="csv")
    slug_at = dataset.headers.index("slug")
    status_at = dataset.headers.index("status")
    rows = [list(row) for row in dataset]
    row = next(r for r in rows if r[slug_at] == "in-raghav-suryast")
    row[status_at] = "draft"
    dataset = tablib.Dataset(*rows, headers=dataset.headers)
    CaseResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert Case.objects.get(slug="in-raghav-suryast").status == "published"


class _Form(HTMLParser):
    """The fields of the admin's case form as a browser would post them back: textareas with
    CRLF line endings, selected options, checked boxes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: dict[str, object] = {}
        self.inside = False
        self.textarea: str | None = None
        self.select: tuple[str, bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("id") == "case_form":
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") == "checkbox":
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value") or "on")  # type: ignore[union-attr]
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self.select = (name, "multiple" in a)
            if "multiple" in a:
                self.data[name] = []
        elif tag == "option" and self.select and "selected" in a:
            name, multiple = self.select
            if multiple:
                self.data[name].append(a.get("value", ""))  # type: ignore[union-attr]
            else:
                self.data[name] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea] = str(self.data[self.textarea]) + data


def _change_form_data(client, case: Case) -> dict:
    html = client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    form = _Form()
    form.feed(html)
    return {
        k: v.lstrip("\n").replace("\n", "\r\n")
        if isinstance(v, str) and k in _textareas(html)
        else v
        for k, v in form.data.items()
    }


def _textareas(html: str) -> set[str]:
    return set(re.findall(r'<textarea[^>]*name="([^"]+)"', html))


def test_a_save_from_the_browser_changes_only_what_the_curator_changed(
    curator_client, loaded_library
):
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    assert "\n\n" in case.summary_en
    summary = case.summary_en
    data = _change_form_data(curator_client, case)
    data["holding_en"] = case.holding_en + " The judgment took effect."
    data["change_reason"] = "judgment effective"
    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.holding_en.endswith("The judgment took effect.")
    assert case.summary_en == summary  # CRLF from the browser did not rewrite it
    latest, previous = case.history.all()[:2]
    changed = {change.field for change in latest.diff_against(previous).changes}
    assert changed == {"holding_en"}
    assert latest.history_change_reason == "judgment effective"
    assert case.ai_tools == ["Stable Diffusion"]  # edited one per line, stored as a list


def test_history_always_says_why(curator_client, loaded_library):
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    assert (
        case.history.latest("history_date").history_change_reason == "Loaded from the library file"
    )
    data = _change_form_data(curator_client, case)
    data["date_note"] = "Judgment effective."
    curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert case.history.latest("history_date").history_change_reason == "Edited in the admin"
    page = curator_client.get(reverse("admin:cases_case_history", args=[case.pk])).content.decode()
    assert "None" not in page.split("<table", 1)[1]


def test_unpublishing_a_decision_the_rules_cite_is_refused_with_what_cites_it(
    curator_client, loaded_library
):
    case = Case.objects.get(slug="cn-gzic-ultraman-tab-2024")
    with pytest.raises(CaseCited) as refused:
        case_unpublish(case=case)
    assert refused.value.citers.lexicon  # the lexicon's Ultraman entry
    assert "Ultraman" in refused.value.message
    li = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    with pytest.raises(CaseCited) as refused:
        case_unpublish(case=li)
    assert any(r.startswith("CN-") and "F2" in r for r in refused.value.citers.rulesets)
    response = curator_client.post(
        reverse("admin:cases_case_changelist"),
        {"action": "unpublish", ACTION_CHECKBOX_NAME: [li.pk]},
        follow=True,
    )
    text = response.content.decode()
    assert "cannot be unpublished while it is cited" in text and "F2" in text
    li.refresh_from_db()
    assert li.is_published


def test_the_change_form_lists_what_cites_the_decision(curator_client, loaded_library):
    case = Case.objects.get(slug="cn-gzic-ultraman-tab-2024")
    html = curator_client.get(reverse("admin:cases_case_change", args=[case.pk])).content.decode()
    assert "What cites this" in html
    assert "Lexicon entry: Ultraman" in html
    uncited = Case.objects.get(slug="in-raghav-suryast")
    html = curator_client.get(
        reverse("admin:cases_case_change", args=[uncited.pk])
    ).content.decode()
    assert "Nothing cites this decision." in html


def test_a_source_at_a_proxy_address_is_refused_in_the_admin(curator_client, loaded_library):
    case = Case.objects.get(slug="in-raghav-suryast")
    data = _change_form_data(curator_client, case)
    data["sources-0-url"] = "https://academic-oup-com-443.vpnm.ccmu.edu.cn/grurint/article/1"
    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert response.status_code == 200
    assert "embeds another host name" in response.content.decode()


def test_a_cited_decision_cannot_be_made_pending_in_the_admin(curator_client, loaded_library):
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    data = _change_form_data(curator_client, case)
    data["proceeding_status"] = "on_appeal"
    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert response.status_code == 200
    assert "cite this decision as authority" in response.content.decode()
    case.refresh_from_db()
    assert case.proceeding_status == "decided"
    uncited = Case.objects.get(slug="in-raghav-suryast")
    data = _change_form_data(curator_client, uncited)
    data["proceeding_status"] = "on_appeal"
    response = curator_client.post(reverse("admin:cases_case_change", args=[uncited.pk]), data)
    assert response.status_code == 302
    uncited.refresh_from_db()
    assert uncited.proceeding_status == "on_appeal"


def test_a_malformed_scenario_is_refused_in_the_admin(curator_client, loaded_library):
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    data = _change_form_data(curator_client, case)
    data["scenario-0-human_input"] = '["not", "an", "object"]'
    response = curator_client.post(reverse("admin:cases_case_change", args=[case.pk]), data)
    assert response.status_code == 200
    assert "Must be a JSON dict" in response.content.decode()
    assert curator_client.get(f"/cases/{case.slug}/").status_code == 200

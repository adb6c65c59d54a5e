"""Curation of the case library in the Django admin (curator role).

Publishing goes through the services so that the admin, the API and the loader share one rule.
Every change is recorded by django-simple-history (the History button on each row).
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import fields, resources
from import_export.admin import ImportExportModelAdmin
from import_export.forms import SelectableFieldsExportForm
from pydantic import ValidationError as PydanticError
from simple_history.admin import SimpleHistoryAdmin

from assessments.rules.ruleset import rulesets_citing

from . import selectors, services
from .library import (
    OPEN_PROCEEDINGS,
    UNVERIFIABLE_FIELDS,
    HumanInput,
    public_url_problem,
    research_markup,
)
from .models import (
    Case,
    CaseFactor,
    Factor,
    ProtectedWork,
    ProtectedWorkReference,
    Scenario,
    Source,
)

ADMIN_REASON = "Edited in the admin"
IMPORT_REASON = "Imported in the admin"


def _unix_newlines(value: Any) -> Any:
    """Browsers send textarea lines ending in CRLF; the library keeps LF, so an unchanged field
    must not come back as a change (and a history row) because of its line endings."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


class LibraryForm(forms.ModelForm):
    """Every curated form: line endings kept as stored."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return {name: _unix_newlines(value) for name, value in cleaned.items()}


class LinesField(forms.CharField):
    """A list of short strings edited one per line (AI tools, former slugs), not as raw JSON."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 60})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(item).strip() for item in value if str(item).strip()]
        text = _unix_newlines(value or "")
        return [line.strip() for line in text.split("\n") if line.strip()]


class CaseForm(LibraryForm):
    ai_tools = LinesField(
        required=False,
        label=_("AI tools"),
        help_text=_("One tool per line, as the sources name it."),
    )
    former_slugs = LinesField(
        required=False,
        label=_("Former slugs"),
        help_text=_("Slugs this entry replaces, one per line; their pages redirect here."),
    )
    unverified_fields = forms.MultipleChoiceField(
        required=False,
        choices=[(name, name.replace("_", " ")) for name in UNVERIFIABLE_FIELDS],
        widget=forms.CheckboxSelectMultiple,
        label=_("Resting on a single secondary source"),
        help_text=_("Shown on the page as a note beside the fact."),
    )
    change_reason = forms.CharField(
        required=False,
        max_length=100,
        label=_("Reason for the change"),
        help_text=_("Recorded in the history, e.g. 'appeal decided'. Optional."),
    )

    class Meta:
        model = Case
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for name in ("short_name", "parties", "holding_en", "summary_en", "tribunal"):
            problem = research_markup(cleaned.get(name) or "")
            if problem:
                self.add_error(name, _("Reads as a research note: %s") % problem)
        # What the library file requires of every entry, the admin requires too.
        for name in ("citation", "citation_zh", "status_as_of", "holding_zh", "tribunal_zh"):
            if not cleaned.get(name):
                self.add_error(name, _("Required: every published entry has it."))
        status = cleaned.get("proceeding_status")
        if cleaned.get("outcome") == "pending" and status not in OPEN_PROCEEDINGS:
            self.add_error("proceeding_status", _("A pending outcome is pending or on appeal."))
        if self.instance.pk and status in OPEN_PROCEEDINGS:
            citing = rulesets_citing(
                {self.instance.slug, *self.instance.former_slugs}, as_authority=True
            )
            if citing:
                self.add_error(
                    "proceeding_status",
                    _(
                        "The rules cite this decision as authority (%s): a matter not finally "
                        "decided may be cited only as pending. Change those citations first."
                    )
                    % "; ".join(citing),
                )
        return cleaned


class ScenarioForm(LibraryForm):
    """The scenario's facts as the loader validates them: a malformed shape would break the page."""

    class Meta:
        model = Scenario
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        shapes = {
            "human_input": dict,
            "human_input_zh": dict,
            "decisive_factors": list,
            "decisive_factors_zh": list,
            "unverified_fields": list,
        }
        for name, kind in shapes.items():
            if name in cleaned and not isinstance(cleaned[name], kind):
                self.add_error(name, _("Must be a JSON %s.") % kind.__name__)
        facts = cleaned.get("human_input")
        if isinstance(facts, dict):
            try:
                HumanInput.model_validate(facts)
            except PydanticError as exc:
                self.add_error("human_input", str(exc.errors()[0]["msg"]))
        return cleaned


class ProtectedWorkForm(LibraryForm):
    aliases_en = LinesField(required=False, label=_("English names"), help_text=_("One per line."))
    aliases_zh = LinesField(required=False, label=_("Chinese names"), help_text=_("One per line."))
    negative = LinesField(
        required=False,
        label=_("Phrases that mean something else"),
        help_text=_("One per line; each contains one of the names."),
    )

    class Meta:
        model = ProtectedWork
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields


class SourceForm(LibraryForm):
    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 - the admin's fieldsets choose the fields

    def clean_url(self) -> str:
        url = self.cleaned_data["url"]
        problem = public_url_problem(url)
        if problem:
            raise ValidationError(problem)
        return url


class CaseResource(resources.ModelResource):
    # Publication changes only through the publish and unpublish actions (the services set the
    # date); export shows it, import never writes it. published_at also loses its microseconds in
    # a CSV, which made every row of an unchanged export look changed.
    status = fields.Field(attribute="status", column_name="status", readonly=True)
    published_at = fields.Field(attribute="published_at", column_name="published_at", readonly=True)
    # Stamped by the change itself (cases/material.py), never imported.
    material_changed_at = fields.Field(
        attribute="material_changed_at", column_name="material_changed_at", readonly=True
    )

    class Meta:
        model = Case
        import_id_fields = ["slug"]
        exclude = ["id", "search_text", "search_cjk", "search_vector", "created_at", "updated_at"]
        skip_unchanged = True
        report_skipped = True

    def before_save_instance(self, instance: Case, row: Any, **kwargs: Any) -> None:
        instance._change_reason = IMPORT_REASON  # type: ignore[attr-defined]


class ProtectedWorkResource(resources.ModelResource):
    class Meta:
        model = ProtectedWork
        import_id_fields = ["name"]
        exclude = ["id"]
        skip_unchanged = True
        report_skipped = True
        # Each row is checked as the loader checks the file (the entry is named in the error).
        clean_model_instances = True

    def before_import(self, dataset: Any, **kwargs: Any) -> None:
        """An import with columns the lexicon does not have is refused whole, naming them."""
        known = {f.column_name for f in self.get_import_fields()} | {"id"}
        unknown = sorted(set(dataset.headers or []) - known)
        if unknown:
            raise ValidationError(
                _("Unknown columns: %(columns)s. Known: %(known)s.")
                % {"columns": ", ".join(unknown), "known": ", ".join(sorted(known - {"id"}))}
            )

    def before_save_instance(self, instance: ProtectedWork, row: Any, **kwargs: Any) -> None:
        instance._change_reason = IMPORT_REASON  # type: ignore[attr-defined]


class ExportForm(SelectableFieldsExportForm):
    """The package's export form, with "Select all" bound from a file the CSP allows."""

    @property
    def media(self) -> forms.Media:
        return super().media + forms.Media(js=("admin/export_select_all.js",))


class SourceInline(admin.StackedInline):
    # Stacked, like the factors: seven columns of a table do not fit a laptop window.
    model = Source
    form = SourceForm
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = [
        "url",
        "title",
        ("publisher", "published_on", "language"),
        ("kind", "accessed_on", "position"),
    ]


class CaseFactorInline(admin.StackedInline):
    # Stacked: four text columns side by side made the table 2,170 px wide in a 1,280 px window.
    model = CaseFactor
    form = LibraryForm
    extra = 0
    fields = [("factor", "treatment"), "note_en", "note_zh"]
    autocomplete_fields = ["factor"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}


class ScenarioInline(admin.StackedInline):
    model = Scenario
    form = ScenarioForm
    extra = 0
    max_num = 1


class HistoryReasonAdmin(SimpleHistoryAdmin):
    """Every change made in the admin is recorded with a reason (the curator's, or a default)."""

    def _reason(self, request: HttpRequest) -> str:
        return (request.POST.get("change_reason") or "").strip()[:100] or ADMIN_REASON

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj._change_reason = self._reason(request)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for inline_form in formset.forms:
            inline_form.instance._change_reason = self._reason(request)
        super().save_formset(request, form, formset, change)


@admin.register(Case)
class CaseAdmin(ImportExportModelAdmin, HistoryReasonAdmin):
    form = CaseForm
    export_form_class = ExportForm
    resource_classes = [CaseResource]
    list_display = [
        "short_name",
        "slug",
        "jurisdiction",
        "decision_date",
        "issue",
        "outcome",
        "verification",
        "status",
    ]
    list_filter = ["jurisdiction", "issue", "outcome", "status", "verification"]
    search_fields = ["slug", "short_name", "title_en", "title_zh", "docket", "parties", "tribunal"]
    # Status changes only through the publish/unpublish actions (the services set the date).
    readonly_fields = ["status", "published_at", "created_at", "updated_at", "cited_by"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [SourceInline, CaseFactorInline, ScenarioInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "decision_date"
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "former_slugs",
                    ("short_name", "short_name_zh"),
                    "title_en",
                    "title_zh",
                    "citation",
                    "citation_zh",
                    "status",
                    "published_at",
                    "cited_by",
                ]
            },
        ),
        (
            _("Decision"),
            {
                "fields": [
                    "jurisdiction",
                    ("tribunal", "tribunal_zh"),
                    ("decision_date", "decision_date_precision"),
                    ("date_note", "date_note_zh"),
                    "docket",
                    ("parties", "parties_zh"),
                    "ai_tools",
                    ("issue", "outcome"),
                ]
            },
        ),
        (
            _("Status of proceedings"),
            {
                "fields": [
                    ("proceeding_status", "status_as_of"),
                    "next_step_en",
                    "next_step_zh",
                ]
            },
        ),
        (
            _("Holding and summary"),
            {"fields": ["holding_en", "holding_zh", "summary_en", "summary_zh"]},
        ),
        (_("Verification"), {"fields": ["verification", "unverified_fields"]}),
        (_("Record"), {"fields": ["created_at", "updated_at", "change_reason"]}),
    ]

    @admin.display(description=_("What cites this"))
    def cited_by(self, obj: Case) -> str:
        if obj.pk is None:
            return "—"
        citers = selectors.case_citers(obj)
        rows = [(_("Rulesets"), r) for r in citers.rulesets]
        rows += [(_("Lexicon entry"), name) for name in citers.lexicon]
        if citers.reports:
            rows.append((_("Reports"), str(citers.reports)))
        if not rows:
            return str(_("Nothing cites this decision."))
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", rows))

    @admin.action(description=_("Publish the selected decisions"), permissions=["change"])
    def publish(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        for case in queryset:
            services.case_publish(case=case)
        self.message_user(
            request,
            ngettext("%d decision published.", "%d decisions published.", queryset.count())
            % queryset.count(),
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected decisions"), permissions=["change"])
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Case]) -> None:
        done = 0
        for case in queryset:
            try:
                services.case_unpublish(case=case)
            except services.CaseCited as exc:
                self.message_user(request, exc.message, messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%d decision unpublished.", "%d decisions unpublished.", done) % done,
                messages.SUCCESS,
            )


@admin.register(Factor)
class FactorAdmin(HistoryReasonAdmin):
    form = LibraryForm
    list_display = ["code", "name_en", "name_zh", "position"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["position"]


class ProtectedWorkReferenceInline(admin.TabularInline):
    """Reference images the final image is compared with (perceptual hash, near-copies)."""

    model = ProtectedWorkReference
    extra = 0
    fields = ["label", "image", "phash"]
    readonly_fields = ["phash"]


@admin.register(ProtectedWork)
class ProtectedWorkAdmin(ImportExportModelAdmin, HistoryReasonAdmin):
    form = ProtectedWorkForm
    inlines = [ProtectedWorkReferenceInline]
    export_form_class = ExportForm
    resource_classes = [ProtectedWorkResource]
    list_display = ["name", "kind", "owner", "case", "named_in_decision"]
    list_filter = ["kind", "named_in_decision"]
    search_fields = ["name", "owner", "aliases_en", "aliases_zh"]
    autocomplete_fields = ["case"]

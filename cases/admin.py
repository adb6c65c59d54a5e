"""Curation of the case library in the Django admin (curator role).

Publishing goes through the services so that the admin, the API and the loader share one rule.
Every change is recorded by django-simple-history (the History button on each row).
"""

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from import_export import resources
from import_export.admin import ImportExportModelAdmin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Case, CaseFactor, Factor, ProtectedWork, Scenario, Source


class CaseResource(resources.ModelResource):
    class Meta:
        model = Case
        import_id_fields = ["slug"]
        exclude = ["id", "search_text", "search_cjk", "search_vector", "created_at", "updated_at"]
        skip_unchanged = True
        report_skipped = True


class ProtectedWorkResource(resources.ModelResource):
    class Meta:
        model = ProtectedWork
        import_id_fields = ["name"]
        exclude = ["id"]
        skip_unchanged = True


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["position", "url", "title", "kind", "accessed_on"]


class CaseFactorInline(admin.TabularInline):
    model = CaseFactor
    extra = 0
    fields = ["factor", "treatment", "note_en", "note_zh"]
    autocomplete_fields = ["factor"]


class ScenarioInline(admin.StackedInline):
    model = Scenario
    extra = 0
    max_num = 1


@admin.register(Case)
class CaseAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
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
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [SourceInline, CaseFactorInline, ScenarioInline]
    actions = ["publish", "unpublish"]
    date_hierarchy = "decision_date"
    fieldsets = [
        (
            None,
            {"fields": ["slug", "short_name", "title_en", "title_zh", "status", "published_at"]},
        ),
        (
            _("Decision"),
            {
                "fields": [
                    "jurisdiction",
                    "tribunal",
                    ("decision_date", "decision_date_precision"),
                    "date_note",
                    "docket",
                    "parties",
                    "ai_tools",
                    ("issue", "outcome"),
                ]
            },
        ),
        (
            _("Holding and summary"),
            {"fields": ["holding_en", "holding_zh", "summary_en", "summary_zh"]},
        ),
        (_("Verification"), {"fields": ["verification", "unverified_fields"]}),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

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
        blocked = [c.slug for c in queryset if c.protected_works.exists()]
        for case in queryset:
            services.case_unpublish(case=case)
        self.message_user(
            request,
            ngettext("%d decision unpublished.", "%d decisions unpublished.", queryset.count())
            % queryset.count(),
            messages.SUCCESS,
        )
        if blocked:
            self.message_user(
                request,
                _("Lexicon entries cite unpublished decisions and are hidden until republished: %s")
                % ", ".join(blocked),
                messages.WARNING,
            )


@admin.register(Factor)
class FactorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_en", "name_zh", "position"]
    search_fields = ["code", "name_en", "name_zh"]
    ordering = ["position"]


@admin.register(ProtectedWork)
class ProtectedWorkAdmin(ImportExportModelAdmin, SimpleHistoryAdmin):
    resource_classes = [ProtectedWorkResource]
    list_display = ["name", "kind", "owner", "case", "named_in_decision"]
    list_filter = ["kind", "named_in_decision"]
    search_fields = ["name", "owner", "aliases_en", "aliases_zh"]
    autocomplete_fields = ["case"]

"""Filters of the case list, shared by the API and the public pages."""

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import (
    EU_MEMBER_STATES,
    Case,
    CaseFactor,
    IssueType,
    Jurisdiction,
    Outcome,
    ProceedingStatus,
)
from .search import MAX_QUERY_LENGTH, search

FACTOR_CODES = [(f"F{n}", f"F{n}") for n in range(1, 15)]
ALLOWED_PARAMS = {
    "jurisdiction",
    "outcome",
    "proceeding",
    "issue",
    "year",
    "factor",
    "q",
    "page",
    "page_size",
}


class CaseFilter(django_filters.FilterSet):
    jurisdiction = django_filters.ChoiceFilter(
        choices=Jurisdiction.choices,
        method="filter_jurisdiction",
        help_text=_("Country code; EU includes the decisions of EU member states."),
    )
    outcome = django_filters.ChoiceFilter(
        choices=Outcome.choices,
        help_text=_(
            "How the question was answered (granted, denied, ..., pending). For where the matter "
            "stands now, use proceeding."
        ),
    )
    proceeding = django_filters.ChoiceFilter(
        field_name="proceeding_status",
        choices=ProceedingStatus.choices,
        help_text=_(
            "Where the matter stands: decided, pending, on_appeal, settled, guidance, statute."
        ),
    )
    issue = django_filters.ChoiceFilter(choices=IssueType.choices)
    year = django_filters.NumberFilter(
        field_name="decision_date",
        lookup_expr="year",
        min_value=1900,
        max_value=2100,
        help_text=_("Year of the decision."),
    )
    factor = django_filters.ChoiceFilter(
        choices=FACTOR_CODES,
        method="filter_factor",
        help_text=_("Decisions that treated this factor (F1 to F14)."),
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Full-text search in English or Chinese; docket numbers work too."),
    )

    class Meta:
        model = Case
        fields = ["jurisdiction", "outcome", "proceeding", "issue", "year", "factor", "q"]

    def filter_jurisdiction(
        self, queryset: QuerySet[Case], name: str, value: str
    ) -> QuerySet[Case]:
        if value == Jurisdiction.EU:
            return queryset.filter(Q(jurisdiction=value) | Q(jurisdiction__in=EU_MEMBER_STATES))
        return queryset.filter(jurisdiction=value)

    def filter_factor(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        # Exists, not a join: a join would repeat a case once per matching row.
        return queryset.filter(
            Exists(CaseFactor.objects.filter(case=OuterRef("pk"), factor__code=value))
        )

    def filter_q(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return search(queryset, value)

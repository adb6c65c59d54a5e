"""Reads of the case library that are more than a one-line queryset."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from .models import Case, CaseFactor, Factor, ProtectedWork, Source


def cases_published() -> QuerySet[Case]:
    return Case.objects.published()


def case_list_queryset() -> QuerySet[Case]:
    """Published cases with what a list shows, in a fixed number of queries for any page size."""
    return (
        Case.objects.published()
        .defer("search_text", "summary_en", "summary_zh")
        .prefetch_related(
            Prefetch(
                "case_factors",
                queryset=CaseFactor.objects.select_related("factor").order_by("factor__position"),
            )
        )
    )


def case_detail_queryset() -> QuerySet[Case]:
    return (
        Case.objects.published()
        .defer("search_text")
        .select_related("scenario")
        .prefetch_related(
            Prefetch("sources", queryset=Source.objects.order_by("position", "id")),
            Prefetch(
                "case_factors",
                queryset=CaseFactor.objects.select_related("factor").order_by("factor__position"),
            ),
            Prefetch("protected_works", queryset=ProtectedWork.objects.order_by("name")),
        )
    )


def case_facets(queryset: QuerySet[Case]) -> Mapping[str, list[dict[str, Any]]]:
    """Counts per jurisdiction, issue and outcome of the cases in ``queryset``."""
    base = queryset.order_by()
    return {
        field: list(base.values(field).annotate(n=Count("pk", distinct=True)).order_by(field))
        for field in ("jurisdiction", "issue", "outcome")
    }


def factors_all() -> QuerySet[Factor]:
    return Factor.objects.order_by("position")


def protected_works_all() -> QuerySet[ProtectedWork]:
    return ProtectedWork.objects.filter(case__status="published").select_related("case")

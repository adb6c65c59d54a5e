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
        .defer("search_text", "search_cjk", "search_vector", "summary_en", "summary_zh")
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
        .defer("search_text", "search_cjk", "search_vector")
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


def published_slugs() -> frozenset[str]:
    return frozenset(Case.objects.published().values_list("slug", flat=True))


TREATMENT_VALUES = {"supports_protection": 1.0, "against_protection": 0.0}


def case_profiles() -> list[dict[str, Any]]:
    """Factor profiles of the published copyrightability decisions (for analogous cases)."""
    profiles: dict[str, dict[str, Any]] = {}
    links = (
        CaseFactor.objects.filter(case__status="published", case__issue="copyrightability")
        .select_related("case", "factor")
        .order_by("case__slug", "factor__position")
    )
    for link in links:
        value = TREATMENT_VALUES.get(link.treatment)
        if value is None:
            continue
        profile = profiles.setdefault(
            link.case.slug,
            {
                "slug": link.case.slug,
                "jurisdiction": link.case.jurisdiction,
                "outcome": link.case.outcome,
                "treatments": {},
            },
        )
        profile["treatments"][link.factor.code] = value
    return list(profiles.values())


def lexicon() -> list[dict[str, Any]]:
    return [
        {
            "name": w.name,
            "aliases_en": tuple(w.aliases_en),
            "aliases_zh": tuple(w.aliases_zh),
            "kind": w.kind,
            "case": w.case.slug,
        }
        for w in protected_works_all().order_by("name")
    ]


def scenarios_for_validation() -> QuerySet[Case]:
    return (
        Case.objects.published()
        .filter(scenario__isnull=False, scenario__use_as_test=True)
        .select_related("scenario")
        .order_by("jurisdiction", "decision_date", "slug")
    )

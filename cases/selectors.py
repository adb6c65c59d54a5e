"""Reads of the case library that are more than a one-line queryset."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, TextField
from django.db.models.functions import Cast

from assessments.rules.result import Authority

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


def case_replacing(slug: str) -> str | None:
    """The slug of the published entry that replaced ``slug`` (its former slugs name it)."""
    # Read in Python: JSON containment is not portable to SQLite, and few entries have any.
    replaced = Case.objects.published().exclude(former_slugs=[]).values_list("slug", "former_slugs")
    return next(
        (current for current, former in replaced if isinstance(former, list) and slug in former),
        None,
    )


def case_facets(queryset: QuerySet[Case]) -> Mapping[str, list[dict[str, Any]]]:
    """Counts per jurisdiction, issue, outcome and proceeding status of ``queryset``."""
    base = queryset.order_by()
    return {
        field: list(base.values(field).annotate(n=Count("pk", distinct=True)).order_by(field))
        for field in ("jurisdiction", "issue", "outcome", "proceeding_status")
    }


def factors_all() -> QuerySet[Factor]:
    return Factor.objects.order_by("position")


def protected_works_all() -> QuerySet[ProtectedWork]:
    return ProtectedWork.objects.filter(case__status="published").select_related("case")


@dataclass(frozen=True)
class Citers:
    """What cites a decision: ruleset rules, lexicon entries, and reports built on it."""

    rulesets: tuple[str, ...]
    lexicon: tuple[str, ...]
    reports: int

    @property
    def blocking(self) -> bool:
        """Rulesets and lexicon entries stop working without the decision; reports do not."""
        return bool(self.rulesets or self.lexicon)

    def describe(self) -> str:
        parts = []
        if self.rulesets:
            parts.append("rulesets " + ", ".join(self.rulesets))
        if self.lexicon:
            parts.append("lexicon entries " + ", ".join(self.lexicon))
        if self.reports:
            parts.append(f"{self.reports} report(s)")
        return "; ".join(parts) or "nothing"


def case_citers(case: Case) -> Citers:
    """What cites ``case`` (under its slug or a former one): rulesets, lexicon entries, reports."""
    from assessments.models import Report
    from assessments.rules.ruleset import rulesets_citing

    slugs = {case.slug, *(case.former_slugs if isinstance(case.former_slugs, list) else [])}
    # A citation is the slug as a JSON string anywhere in a stored result.
    cites = Q()
    for slug in slugs:
        cites |= Q(result_text__contains=f'"{slug}"')
    reports = (
        Report.objects.filter(result__isnull=False)
        .annotate(result_text=Cast("result", TextField()))
        .filter(cites)
    )
    return Citers(
        rulesets=tuple(rulesets_citing(slugs)),
        lexicon=tuple(case.protected_works.order_by("name").values_list("name", flat=True)),
        reports=reports.count(),
    )


def authorities(slugs: list[str]) -> dict[str, Authority]:
    """How the library cites each of ``slugs`` now (name, citation, status of proceedings)."""
    found = {
        case.slug: Authority(
            name=case.short_name,
            name_zh=case.short_name_zh or case.short_name,
            citation=case.citation or case.short_name,
            citation_zh=case.citation_zh or case.citation or case.short_name,
            proceeding_status=case.proceeding_status,
            status_as_of=case.status_as_of.isoformat() if case.status_as_of else None,
        )
        for case in Case.objects.filter(slug__in=slugs).only(
            "slug",
            "short_name",
            "short_name_zh",
            "citation",
            "citation_zh",
            "proceeding_status",
            "status_as_of",
        )
    }
    return {slug: found[slug] for slug in slugs if slug in found}


def published_statuses() -> dict[str, str]:
    """Each published slug with its proceeding status (what the ruleset loader checks)."""
    return dict(Case.objects.published().values_list("slug", "proceeding_status"))


def published_by_jurisdiction() -> dict[str, list[str]]:
    """The published entries' slugs by jurisdiction (the sources a report cites for a country
    it does not assess)."""
    found: dict[str, list[str]] = {}
    for slug, code in Case.objects.published().order_by("slug").values_list("slug", "jurisdiction"):
        found.setdefault(code, []).append(slug)
    return found


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
            "named_in_decision": w.named_in_decision,
            "traits": w.traits,
            "negative": tuple(w.negative or ()),
            "references": tuple((r.phash, r.label) for r in w.references.all() if r.phash),
        }
        for w in protected_works_all().order_by("name").prefetch_related("references")
    ]


def scenarios_for_validation() -> QuerySet[Case]:
    return (
        Case.objects.published()
        .filter(scenario__isnull=False, scenario__use_as_test=True)
        .select_related("scenario")
        .order_by("jurisdiction", "decision_date", "slug")
    )

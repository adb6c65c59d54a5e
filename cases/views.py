"""Public pages of the case library: search with facets, and one decision."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from . import selectors
from .filters import ALLOWED_PARAMS, CaseFilter
from .models import IssueType, Jurisdiction, Outcome

PAGE_SIZE = 20
FACET_LABELS = {
    "jurisdiction": dict(Jurisdiction.choices),
    "issue": dict(IssueType.choices),
    "outcome": dict(Outcome.choices),
}


def _toggle(params: QueryDict, field: str, value: str) -> str:
    """The query string with ``field`` set to ``value``, or cleared when it already is."""
    query = params.copy()
    query.pop("page", None)
    if query.get(field) == value:
        query.pop(field)
    else:
        query[field] = value
    return "?" + query.urlencode()


def case_list(request: HttpRequest) -> HttpResponse:
    params = request.GET.copy()
    errors: list[str] = [
        f"{name}: unknown parameter" for name in sorted(set(params) - ALLOWED_PARAMS)
    ]
    for name in set(params) - ALLOWED_PARAMS:
        del params[name]
    filterset = CaseFilter(params, queryset=selectors.case_list_queryset())
    if filterset.is_valid():
        queryset = filterset.qs
    else:
        errors += [f"{field}: {' '.join(msgs)}" for field, msgs in filterset.errors.items()]
        queryset = selectors.case_list_queryset().none()
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    facets = {
        field: [
            {
                "value": row[field],
                "label": FACET_LABELS[field].get(row[field], row[field]),
                "count": row["n"],
                "active": params.get(field) == row[field],
                "href": _toggle(params, field, row[field]),
            }
            for row in rows
        ]
        for field, rows in selectors.case_facets(queryset).items()
    }
    keep = params.copy()
    keep.pop("page", None)
    context = {
        "page": page,
        "filter": filterset,
        "facets": facets,
        "errors": errors,
        "q": params.get("q", ""),
        "querystring": keep.urlencode(),
        "params": params,
    }
    return render(request, "cases/case_list.html", context, status=400 if errors else 200)


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    case = selectors.case_detail_queryset().filter(slug=slug).first()
    if case is None:
        raise Http404("No published decision with this identifier.")
    return render(request, "cases/case_detail.html", {"case": case})

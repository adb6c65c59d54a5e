"""Public pages of the case library: search with facets, and one decision."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import selectors
from .cache import cached_public
from .filters import ALLOWED_PARAMS, CaseFilter
from .models import IssueType, Jurisdiction, Outcome, ProceedingStatus
from .search import RankedPaginator

PAGE_SIZE = 20
FACET_LABELS = {
    "jurisdiction": dict(Jurisdiction.choices),
    "issue": dict(IssueType.choices),
    "outcome": dict(Outcome.choices),
    "proceeding_status": dict(ProceedingStatus.choices),
}
# The query parameter of each facet (the model field is proceeding_status, the filter proceeding).
FACET_PARAMS = {"proceeding_status": "proceeding"}


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
        _("%(name)s: unknown parameter") % {"name": name}
        for name in sorted(set(params) - ALLOWED_PARAMS)
    ]
    for name in set(params) - ALLOWED_PARAMS:
        del params[name]
    filterset = CaseFilter(params, queryset=selectors.case_list_queryset())
    if filterset.is_valid():
        queryset = filterset.qs
    else:
        errors += [f"{field}: {' '.join(msgs)}" for field, msgs in filterset.errors.items()]
        queryset = selectors.case_list_queryset().none()
    searching = bool(params.get("q", "").strip()) and filterset.is_valid()
    paginator = (RankedPaginator if searching else Paginator)(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    facets = {
        field: [
            {
                "value": row[field],
                "label": FACET_LABELS[field].get(row[field], row[field]),
                "count": row["n"],
                "active": params.get(FACET_PARAMS.get(field, field)) == row[field],
                "href": _toggle(params, FACET_PARAMS.get(field, field), row[field]),
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
        "truncated": getattr(paginator, "truncated", False),
        "ranked_limit": getattr(paginator, "limit", None),
    }
    return render(request, "cases/case_list.html", context, status=400 if errors else 200)


# The values of the scenario's enumerated facts, in words.
FACT_VALUES = {
    "high": _("high"),
    "medium": _("medium"),
    "low": _("low"),
    "none": _("none"),
    "unknown": _("unknown"),
    "n/a": _("not applicable"),
}

# What a fact resting on one secondary source is called where it stands on the page.
UNVERIFIED_NOTES = {
    "docket": _("docket reported by a single secondary source"),
    "decision_date": _("date reported by a single secondary source"),
    "parties": _("parties as reported by a single secondary source"),
    "ai_tools": _("tool reported by a single secondary source"),
    "outcome": _("outcome details rest on a single secondary source"),
    "date_note": _("these dates rest on a single secondary source"),
}

HUMAN_INPUT_LABELS = {
    "num_prompts": _("Number of prompts"),
    "num_prompts_note": _("Prompts (note)"),
    "prompt_specificity": _("Prompt specificity"),
    "prompt_specificity_note": _("Prompt specificity (note)"),
    "prompt_example": _("Prompt example"),
    "negative_prompts": _("Negative prompts"),
    "parameter_changes": _("Parameter changes"),
    "parameters_note": _("Parameters (note)"),
    "iterations": _("Iterations"),
    "iterations_note": _("Iterations (note)"),
    "post_editing": _("Post-editing"),
    "post_editing_note": _("Post-editing (note)"),
    "selection_arrangement": _("Selection or arrangement"),
    "selection_note": _("Selection (note)"),
    "human_source_material": _("Own source material"),
    "process_evidence_retained": _("Process evidence retained"),
    "process_note": _("Process evidence (note)"),
    "reproducible_on_demand": _("Reproducible on demand"),
    "reproducibility_note": _("Reproducibility (note)"),
}


def _fact_value(value: object) -> object:
    return FACT_VALUES.get(value, value) if isinstance(value, str) else value


def _case_body(slug: str) -> tuple[str, str] | None:
    """The title and rendered body of a decision's page, or None when it is not published."""
    case = selectors.case_detail_queryset().filter(slug=slug).first()
    if case is None:
        return None
    scenario = getattr(case, "scenario", None)
    human_input = [
        (HUMAN_INPUT_LABELS[key], _fact_value(scenario.note(key)), key == "prompt_example")
        for key in (
            scenario.human_input if scenario and isinstance(scenario.human_input, dict) else []
        )
        if key in HUMAN_INPUT_LABELS
    ]
    unverified = {
        field: UNVERIFIED_NOTES[field]
        for field in case.unverified_fields
        if field in UNVERIFIED_NOTES
    }
    # A docket is written in the script of its court: Chinese dockets in Chinese, others in Latin.
    docket_lang = "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in case.docket) else "en"
    body = render_to_string(
        "cases/_case_body.html",
        {
            "case": case,
            "human_input": human_input,
            "unverified": unverified,
            "docket_lang": docket_lang,
        },
    )
    return case.name, body


def case_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # The body is the same for every visitor; the page around it (session, CSRF token) is not.
    found = cached_public("page-case", slug, lambda: _case_body(slug))
    if found is None:
        successor = selectors.case_replacing(slug)
        if successor is not None:
            return redirect("cases:detail", successor, permanent=True)
        raise Http404("No published decision with this identifier.")
    title, body = found
    return render(request, "cases/case_detail.html", {"title": title, "body": mark_safe(body)})  # noqa: S308 - rendered by our own template, escaped there

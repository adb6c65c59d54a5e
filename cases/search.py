"""Full-text search over the case library.

On PostgreSQL: English stemming (``to_tsvector('english', …)``, GIN index) ranks English text,
and a trigram GIN index (``pg_trgm``) serves substring matches, which is what Chinese text needs
(it has no spaces for a word tokenizer) and what docket numbers such as ``11279`` need. On SQLite
the same substring match and weights run without an index or stemming.

The searched document is ``Case.search_text``: the lower-cased text of a case and its sources,
kept current by signals (a decoupled side effect, as STYLE.md allows).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db import models as m
from django.db.models import FloatField, Q, QuerySet, Value
from django.db.models.functions import Cast, Length, Replace

from .models import Case, Jurisdiction, Outcome

# Django compiles SearchVector("search_text", config="english") to exactly this expression; the
# index must be built on the same expression for the planner to use it.
TSVECTOR_SQL = "to_tsvector('english'::regconfig, COALESCE(search_text, ''))"

MAX_QUERY_LENGTH = 200


def document_for(case: Case, source_texts: Iterable[str] = ()) -> str:
    choices_text = " ".join(
        [
            case.get_jurisdiction_display(),
            str(Jurisdiction(case.jurisdiction).label) if case.jurisdiction else "",
            str(Outcome(case.outcome).label) if case.outcome else "",
        ]
    )
    parts = [
        case.slug,
        case.short_name,
        case.title_en,
        case.title_zh,
        case.tribunal,
        case.docket,
        case.parties,
        " ".join(str(tool) for tool in case.ai_tools or []),
        case.holding_en,
        case.holding_zh,
        case.summary_en,
        case.summary_zh,
        choices_text,
        *source_texts,
    ]
    return "\n".join(part for part in parts if part).lower()


_deferred: ContextVar[set[int] | None] = ContextVar("deferred_search_refresh", default=None)


@contextmanager
def deferred_refresh() -> Iterator[None]:
    """Refresh each touched case once at the end instead of after every row (bulk loads)."""
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    for case_id in sorted(pending):
        refresh_search_text(case_id)


def request_refresh(case_id: int) -> None:
    pending = _deferred.get()
    if pending is None:
        refresh_search_text(case_id)
    else:
        pending.add(case_id)


def refresh_search_text(case_id: int) -> None:
    case = Case.objects.filter(pk=case_id).first()
    if case is None:  # deleted meanwhile
        return
    source_texts = [f"{s.title} {s.url}" for s in case.sources.all()]
    Case.objects.filter(pk=case_id).update(search_text=document_for(case, source_texts))


# Weights of a match of the query as written (a phrase, a docket number, a Chinese name), by
# where it stands, as a librarian would weigh them: the name or title of the decision first,
# then its identifiers, then its holding; the number of mentions in the whole record breaks ties.
PHRASE_WEIGHTS = (
    (("short_name", "title_en", "title_zh"), 1.0),
    (("docket", "parties", "tribunal"), 0.5),
    (("holding_en", "holding_zh"), 0.3),
)
MENTIONS_WEIGHT = 0.2


def _phrase_score(needle: str) -> m.Expression:
    score: m.Expression = Value(0.0)
    for fields, weight in PHRASE_WEIGHTS:
        hit = Q()
        for name in fields:
            hit |= Q(**{f"{name}__icontains": needle})
        score = score + m.Case(
            m.When(hit, then=Value(weight)), default=Value(0.0), output_field=FloatField()
        )
    # Mentions in the whole record, saturating: n / (n + 1).
    mentions = Cast(
        Length("search_text") - Length(Replace("search_text", Value(needle), Value(""))),
        FloatField(),
    ) / Value(float(len(needle)))
    return score + Value(MENTIONS_WEIGHT) * mentions / (mentions + Value(1.0))


def search(queryset: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Filter to cases matching ``q``, most relevant first (earlier decision on a tie)."""
    needle = q.strip().lower()
    if not needle:
        return queryset
    if connection.vendor == "postgresql":
        vector = SearchVector("search_text", config="english")
        query = SearchQuery(q, config="english", search_type="websearch")
        return (
            queryset.annotate(_vector=vector)
            .filter(Q(_vector=query) | Q(search_text__contains=needle))
            .annotate(rank=SearchRank(vector, query) + _phrase_score(needle))
            .order_by("-rank", "decision_date", "slug")
        )
    # SQLite (embedded mode): every word must occur; no index and no stemming, the same weights.
    condition = Q()
    for term in needle.split():
        condition &= Q(search_text__contains=term)
    return (
        queryset.filter(condition)
        .annotate(rank=_phrase_score(needle))
        .order_by("-rank", "decision_date", "slug")
    )

"""Full-text search over the case library.

On PostgreSQL a match reads one stored, GIN-indexed search vector per case (``search_vector``, a
generated column): English stems of ``search_text`` plus the Chinese character pairs of
``search_cjk`` (Chinese has no spaces for a word tokenizer; a phrase of overlapping pairs finds a
Chinese word wherever it stands). A trigram GIN index (``pg_trgm``) serves substring matches, which
partial docket numbers and mixed Latin/Chinese identifiers need. On SQLite the same substring match
and weights run without an index or stemming.

Ranking runs in two phases so that a query matching most of a large library stays fast: the
matches are taken in the list's own order (newest first, from an index) up to ``RANKED_LIMIT``, and
only those are ranked by the text weights. Below that many matches the ranking is exact; above it,
the answer says so (``RankedPaginator.truncated``) and the user narrows the query.

The searched text is ``Case.search_text``: the lower-cased text of a case and its sources, kept
current by signals (a decoupled side effect, as STYLE.md allows).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db import models as m
from django.db.models import F, FloatField, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Concat, Length, Lower, Replace, StrIndex
from django.db.models.lookups import GreaterThan

from .db import AnyOf, cjk_terms, has_cjk, is_cjk
from .models import Case, Jurisdiction, Outcome

MAX_QUERY_LENGTH = 200
# How many matches a query ranks by relevance; more matches than this and the newest are ranked.
RANKED_LIMIT = 200


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
        case.short_name_zh,
        case.citation,
        case.citation_zh,
        case.title_en,
        case.title_zh,
        case.tribunal,
        case.tribunal_zh,
        case.docket,
        case.parties,
        case.parties_zh,
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
    text = document_for(case, source_texts)
    Case.objects.filter(pk=case_id).update(search_text=text, search_cjk=cjk_terms(text))


# Weights of a match of the query as written (a phrase, a docket number, a Chinese name), by
# where it stands, as a librarian would weigh them: the name or title of the decision first,
# then its identifiers, then its holding. How often the query is mentioned adds to that: ts_rank
# counts it on PostgreSQL, and ``_mentions`` on SQLite, which has no ranking function.
PHRASE_WEIGHTS = (
    (("short_name", "title_en", "title_zh"), 1.0),
    (("docket", "parties", "tribunal"), 0.5),
    (("holding_en", "holding_zh"), 0.3),
)
MENTIONS_WEIGHT = 0.2


def _phrase_score(needle: str) -> m.Expression:
    score: m.Expression = Value(0.0)
    for fields, weight in PHRASE_WEIGHTS:
        joined: list[m.Expression] = []
        for name in fields:
            joined += [F(name), Value(" ")]
        text = Lower(Concat(*joined[:-1], output_field=TextField()))
        score = score + m.Case(
            m.When(GreaterThan(StrIndex(text, Value(needle)), 0), then=Value(weight)),
            default=Value(0.0),
            output_field=FloatField(),
        )
    return score


def _mentions(needle: str) -> m.Expression:
    """Mentions of the needle in the whole record, saturating: n / (n + 1)."""
    mentions = Cast(
        Length("search_text") - Length(Replace("search_text", Value(needle), Value(""))),
        FloatField(),
    ) / Value(float(len(needle)))
    return Value(MENTIONS_WEIGHT) * mentions / (mentions + Value(1.0))


def _match(needle: str) -> tuple[Q, SearchQuery]:
    """The condition a matching case meets, and the text query that ranks it (PostgreSQL)."""
    words = needle.split()
    plain = [word for word in words if not has_cjk(word)]
    chinese = [word for word in words if has_cjk(word)]
    query: SearchQuery | None = None
    if plain:
        query = SearchQuery(" ".join(plain), config="english", search_type="websearch")
    for word in chinese:
        phrase = SearchQuery(cjk_terms(word), config="simple", search_type="phrase")
        query = phrase if query is None else query & phrase
    assert query is not None
    condition = Q(search_vector=query)
    # The pairs find exactly the texts that contain a Chinese word of two characters or more. A
    # lone character or Latin letters inside a Chinese word (a docket number) may stand anywhere
    # in an indexed word, so those, and English text as written, are also matched as substrings.
    pairs_suffice = not plain and all(len(word) >= 2 and is_cjk(word) for word in chinese)
    if not pairs_suffice:
        condition |= Q(search_text__contains=needle)
    return condition, query


def search(queryset: QuerySet[Case], q: str) -> QuerySet[Case]:
    """Cases of ``queryset`` matching ``q``, most relevant first (earlier decision on a tie).

    At most ``RANKED_LIMIT`` cases: the newest matches, ranked; each row also carries
    ``search_truncated``, whether more matched (``RankedPaginator`` reports it).
    """
    needle = q.strip().lower()
    if not needle:
        return queryset
    if connection.vendor == "postgresql":
        condition, query = _match(needle)
        # ts_rank counts the mentions from the stored vector.
        rank: m.Expression = SearchRank(F("search_vector"), query) + _phrase_score(needle)
    else:  # SQLite (embedded mode): every word must occur; no index, no stemming, same weights.
        condition = Q()
        for term in needle.split():
            condition &= Q(search_text__contains=term)
        rank = _phrase_score(needle) + _mentions(needle)
    # Phase one, one indexed query: the newest matches, one more than are ranked to learn
    # whether there are more. Phase two ranks those rows only, by primary key.
    ids = list(
        queryset.filter(condition)
        .order_by("-decision_date", "slug")
        .values_list("pk", flat=True)[: RANKED_LIMIT + 1]
    )
    return (
        queryset.filter(AnyOf(F("pk"), ids[:RANKED_LIMIT]))
        .annotate(
            rank=rank,
            search_count=Value(min(len(ids), RANKED_LIMIT)),
            search_truncated=Value(len(ids) > RANKED_LIMIT),
        )
        .order_by("-rank", "decision_date", "slug")
    )


class RankedPaginator(Paginator):
    """Pages of search results (at most ``RANKED_LIMIT`` cases) that know whether more matched.

    The count and ``truncated`` are read off the rows, which ``search`` annotates with both: the
    ranked rows are known by key, so counting them again would only cost time. ``search`` must
    therefore be the last filter applied (it is: ``q`` is the last filter of ``CaseFilter``).
    """

    truncated = False

    @property
    def limit(self) -> int:
        return RANKED_LIMIT

    @cached_property
    def count(self) -> int:
        row = self.object_list.order_by().values_list("search_count", "search_truncated").first()
        if row is None:
            return 0
        self.truncated = bool(row[1])
        return int(row[0])

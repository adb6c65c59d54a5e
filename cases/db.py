"""Database expressions of the case library that the models and the search share.

Kept apart from ``cases.search`` (which imports the models) so that a model field can use them.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.models import BooleanField, F, Func


class SearchDocument(Func):
    """The stored search vector of a case: English stems of ``search_text`` plus the Chinese
    bigrams and split-out numbers of ``search_cjk`` (``simple`` configuration, no stemming).

    PostgreSQL computes it as a generated column so that a match reads one GIN-indexed column
    instead of re-parsing the text of every row. Other databases store NULL and search the text
    without an index (the embedded SQLite mode).
    """

    output_field = SearchVectorField()

    def __init__(self, **extra: Any) -> None:
        super().__init__(F("search_text"), F("search_cjk"), **extra)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return "NULL", []

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        text, cjk = (compiler.compile(expression) for expression in self.get_source_expressions())
        sql = (
            f"(to_tsvector('english'::regconfig, COALESCE({text[0]}, '')) || "
            f"to_tsvector('simple'::regconfig, COALESCE({cjk[0]}, '')))"
        )
        return sql, [*text[1], *cjk[1]]


# Han ideographs (with extensions A and the compatibility block), kana and Hangul syllables.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_RUN = re.compile(f"[{_CJK}]+")
_HAS_CJK = re.compile(f"[{_CJK}]")


def has_cjk(text: str) -> bool:
    return _HAS_CJK.search(text) is not None


def is_cjk(text: str) -> bool:
    """Whether ``text`` is CJK characters only."""
    return _CJK_RUN.fullmatch(text) is not None


def cjk_terms(text: str) -> str:
    """The words of ``text`` that contain CJK characters, cut for a word index.

    A run of CJK characters becomes its overlapping pairs (``著作权法`` -> ``著作 作权 权法``;
    a single character stays as it is), and what stands between the runs of such a word becomes a
    word of its own, in order: ``京0491民初11279号`` -> ``京 0491 民初 11279 号``. Searching a phrase
    of the same pairs then finds exactly the texts that contain the query as a substring.
    Words without CJK characters are left out: the English configuration indexes those.
    """
    out: list[str] = []
    for word in text.split():
        if not has_cjk(word):
            continue
        position = 0
        for run in _CJK_RUN.finditer(word):
            if run.start() > position:
                out.append(word[position : run.start()])
            chars = run.group()
            if len(chars) == 1:
                out.append(chars)
            else:
                out.extend(chars[i : i + 2] for i in range(len(chars) - 1))
            position = run.end()
        if position < len(word):
            out.append(word[position:])
    return " ".join(out)


class AnyOf(Func):
    """``expression = ANY(%s)`` with the values as one array parameter (PostgreSQL): a long
    ``IN`` list costs Django and the server a parameter each. Other databases get ``IN``."""

    output_field = BooleanField()

    def __init__(self, expression: Any, values: Iterable[int]) -> None:
        super().__init__(expression)
        self.values = list(values)

    def as_sql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        lhs, params = compiler.compile(self.get_source_expressions()[0])
        if not self.values:
            return "FALSE", []
        placeholders = ", ".join(["%s"] * len(self.values))
        return f"{lhs} IN ({placeholders})", [*params, *self.values]

    def as_postgresql(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        lhs, params = compiler.compile(self.get_source_expressions()[0])
        return f"{lhs} = ANY(%s)", [*params, self.values]

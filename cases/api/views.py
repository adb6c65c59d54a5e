from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpResponse
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request

from aigc_copyright.api import ERROR, Pagination, reject_unknown_params
from cases import selectors
from cases.cache import cached_public
from cases.filters import ALLOWED_PARAMS, CaseFilter
from cases.models import Case, Factor, ProtectedWork
from cases.search import RANKED_LIMIT, RankedPaginator

from .serializers import (
    CaseDetailSerializer,
    CaseListSerializer,
    FactorSerializer,
    ProtectedWorkSerializer,
)


class CasePagination(Pagination):
    """Pages of decisions; a search also says whether more matched than it ranks."""

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        searching = bool(request.query_params.get("q", "").strip())
        self.django_paginator_class = RankedPaginator if searching else Paginator
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Any:
        response = super().get_paginated_response(data)
        response.data["truncated"] = bool(getattr(self.page.paginator, "truncated", False))
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["truncated"] = {
            "type": "boolean",
            "description": (
                f"A search matched more than {RANKED_LIMIT} decisions: the {RANKED_LIMIT} most "
                "recent of them are ranked and counted. Narrow the query to see the others."
            ),
        }
        paginated["required"] = [*paginated.get("required", []), "truncated"]
        return paginated


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter published decisions",
        responses={
            200: CaseListSerializer(many=True),
            400: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR, description="No such page."),
        },
    ),
    retrieve=extend_schema(
        summary="One published decision with its sources, factors and scenario",
        responses={200: CaseDetailSerializer, 404: OpenApiResponse(ERROR)},
    ),
)
class CaseViewSet(viewsets.ReadOnlyModelViewSet[Case]):
    lookup_field = "slug"
    lookup_value_regex = r"[a-z0-9-]+"
    filterset_class = CaseFilter
    permission_classes = [AllowAny]
    pagination_class = CasePagination

    def get_queryset(self) -> QuerySet[Case]:
        if self.action == "retrieve":
            return selectors.case_detail_queryset()
        return selectors.case_list_queryset()

    def get_serializer_class(self) -> Any:
        return CaseDetailSerializer if self.action == "retrieve" else CaseListSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        reject_unknown_params(request, ALLOWED_PARAMS)
        return self._cached("api-list", request, super().list, *args, **kwargs)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        return self._cached("api-case", request, super().retrieve, *args, **kwargs)

    def _cached(self, kind: str, request: Request, answer: Any, *args: Any, **kwargs: Any) -> Any:
        """The JSON of ``answer``, rendered once per library version (cases/cache.py). Errors
        (a bad filter, an unknown decision) are raised, so never kept."""

        def render() -> bytes:
            return JSONRenderer().render(answer(request, *args, **kwargs).data)

        identity = canonical_identity(request)
        if identity is None:  # a free-text search: answered from the database, never cached
            return HttpResponse(render(), content_type="application/json")
        content = cached_public(kind, identity, render)
        return HttpResponse(content, content_type="application/json")


def canonical_identity(request: Request) -> str | None:
    """The cache identity of a public answer: the site address (links in the answer are built
    from it), the path and the known parameters in one order, each once. None where the answer
    should not be cached: a free-text search, or a parameter given twice."""
    params = request.query_params
    if params.get("q") or any(len(params.getlist(k)) > 1 for k in params):
        return None
    known = "&".join(f"{k}={params[k]}" for k in sorted(params) if k in ALLOWED_PARAMS_CACHED)
    return f"{request.scheme}://{request.get_host()}{request.path}?{known}"


# The parameters whose values are from closed lists (or bounded numbers): a cache entry each.
ALLOWED_PARAMS_CACHED = frozenset(
    {"jurisdiction", "outcome", "proceeding", "issue", "year", "factor", "page", "page_size"}
)


@extend_schema_view(
    list=extend_schema(summary="The factor catalogue F1 to F14"),
    retrieve=extend_schema(
        summary="One factor",
        responses={200: FactorSerializer, 404: OpenApiResponse(ERROR)},
    ),
)
class FactorViewSet(viewsets.ReadOnlyModelViewSet[Factor]):
    serializer_class = FactorSerializer
    lookup_field = "code"
    pagination_class = None
    permission_classes = [AllowAny]

    def get_queryset(self) -> QuerySet[Factor]:
        return selectors.factors_all()


@extend_schema_view(
    list=extend_schema(
        summary="The protected-works lexicon used by the infringement screen",
        parameters=[],
        responses={
            200: ProtectedWorkSerializer(many=True),
            400: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR, description="No such page."),
        },
    ),
    retrieve=extend_schema(
        summary="One entry of the protected-works lexicon",
        responses={200: ProtectedWorkSerializer, 404: OpenApiResponse(ERROR)},
    ),
)
class ProtectedWorkViewSet(viewsets.ReadOnlyModelViewSet[ProtectedWork]):
    serializer_class = ProtectedWorkSerializer
    permission_classes = [AllowAny]
    filterset_fields = ["kind"]

    def get_queryset(self) -> QuerySet[ProtectedWork]:
        return selectors.protected_works_all()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        reject_unknown_params(request, {"kind", "page", "page_size"})
        return super().list(request, *args, **kwargs)

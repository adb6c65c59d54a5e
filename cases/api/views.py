from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request

from aigc_copyright.api import reject_unknown_params
from cases import selectors
from cases.filters import ALLOWED_PARAMS, CaseFilter
from cases.models import Case, Factor, ProtectedWork

from .serializers import (
    CaseDetailSerializer,
    CaseListSerializer,
    FactorSerializer,
    ProtectedWorkSerializer,
)

ERROR = inline_serializer(
    "Error",
    fields={
        "error": serializers.CharField(),
        "detail": serializers.CharField(),
        "fields": serializers.DictField(required=False),
    },
)


@extend_schema_view(
    list=extend_schema(
        summary="Search and filter published decisions",
        responses={200: CaseListSerializer(many=True), 400: OpenApiResponse(ERROR)},
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

    def get_queryset(self) -> QuerySet[Case]:
        if self.action == "retrieve":
            return selectors.case_detail_queryset()
        return selectors.case_list_queryset()

    def get_serializer_class(self) -> Any:
        return CaseDetailSerializer if self.action == "retrieve" else CaseListSerializer

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        reject_unknown_params(request, ALLOWED_PARAMS)
        return super().list(request, *args, **kwargs)


@extend_schema_view(list=extend_schema(summary="The factor catalogue F1 to F14"))
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
        responses={200: ProtectedWorkSerializer(many=True), 400: OpenApiResponse(ERROR)},
    )
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

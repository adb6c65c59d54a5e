"""Cross-cutting API pieces: the error format, pagination, and strict query parameters.

Every API error is ``{"error": code, "detail": message}`` with a 4xx status (DESIGN.md contract).
Validation errors keep the per-field messages under ``fields`` so a client can show them.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, TooManyFilesSent
from django.http import Http404, HttpRequest, JsonResponse
from drf_spectacular.utils import inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import ApplicationError


class Pagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        # DRF ignores a malformed page_size and answers 404 to a malformed page; a client that
        # sent either deserves to be told which parameter is wrong.
        for name, low in ((self.page_query_param, 1), (self.page_size_query_param, 1)):
            raw = request.query_params.get(name)
            if raw is None or (name == self.page_query_param and raw == "last"):
                continue
            if not raw.isdigit() or int(raw) < low:
                raise exceptions.ValidationError({name: ["Must be a positive whole number."]})
            if name == self.page_size_query_param and int(raw) > self.max_page_size:
                raise exceptions.ValidationError({name: [f"Must be at most {self.max_page_size}."]})
        return super().paginate_queryset(queryset, request, view)


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        for key, value in detail.items():
            message = _first_message(value)
            return message if key in ("non_field_errors", "detail") else f"{key}: {message}"
        return ""
    if isinstance(detail, list):
        return _first_message(detail[0]) if detail else ""
    return str(detail)


def too_many_files_message() -> str:
    from django.conf import settings

    return f"At most {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files may be sent in one request."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, TooManyFilesSent):
        return Response({"error": "too_many_files", "detail": too_many_files_message()}, 413)
    if isinstance(exc, ApplicationError):
        body = {"error": exc.code, "detail": exc.message, **exc.extra()}
        return Response(body, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        body: dict[str, Any] = {"error": code, "detail": _first_message(exc.detail)}
        if isinstance(exc.detail, dict):
            body["fields"] = exc.detail
    elif isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else "error"
        body = {"error": code, "detail": _first_message(exc.detail)}
    else:  # pragma: no cover - DRF only answers APIException subclasses
        body = {"error": "error", "detail": str(exc)}
    response.data = body
    return response


def reject_unknown_params(request: Any, allowed: set[str]) -> None:
    """A misspelt filter would otherwise be ignored and silently return everything."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise exceptions.ValidationError(
            {unknown[0]: [f"Unknown query parameter. Allowed: {', '.join(sorted(allowed))}."]}
        )


def json_not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return JsonResponse(
        {"error": "not_found", "detail": "No such resource."}, status=status.HTTP_404_NOT_FOUND
    )


def json_server_error(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        {"error": "server_error", "detail": "The server could not answer this request."},
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


# The shape of every error answer, for the API schema.
ERROR = inline_serializer(
    "Error",
    fields={
        "error": serializers.CharField(),
        "detail": serializers.CharField(),
        "fields": serializers.DictField(required=False),
    },
)


def document_authentication_errors(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: an operation that needs a signed-in user also answers 401 (no or a
    revoked token) in the error shape; say so in the schema, which clients are checked against."""
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            security = operation.get("security")
            if not isinstance(security, list) or {} in security:
                continue
            operation.setdefault("responses", {}).setdefault(
                "401", {"description": "Not signed in, or the token was revoked.", "content": error}
            )
    return result

"""Security headers Django 5.2 does not set itself."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .errors import ApplicationError

# No inline script anywhere (the API docs use drf-spectacular's split view for that reason);
# styles and scripts come from this site only; nothing may frame the pages.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # A view that sets a stricter policy of its own (the report document) keeps it.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class ApplicationErrorMiddleware:
    """The pages' one handler of the application's errors: an error page with the error's status
    and message (the API's handler answers its own requests in JSON; views that keep a form on
    the page catch ``ApplicationError`` themselves to show it beside the form)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        from django.core.exceptions import TooManyFilesSent

        if isinstance(exc, TooManyFilesSent):
            from .api import too_many_files_message

            return render(
                request,
                "application_error.html",
                {"message": too_many_files_message(), "code": "too_many_files"},
                status=413,
            )
        if not isinstance(exc, ApplicationError):
            return None
        return render(
            request,
            "application_error.html",
            {"message": exc.message, "code": exc.code},
            status=exc.status,
        )


def client_address(request: HttpRequest) -> str | None:
    """The client's address for the log-in lock-out (django-axes). With ``TRUSTED_PROXIES`` = N
    (the number of proxies of this deployment in front of it, each appending the address it
    received the request from to ``X-Forwarded-For``), the client is the N-th address from the
    right of that header; anything further left was written by the client and is ignored.
    Without trusted proxies, or when the header has fewer entries, ``REMOTE_ADDR``."""
    from django.conf import settings

    trusted = int(getattr(settings, "TRUSTED_PROXIES", 0))
    remote = request.META.get("REMOTE_ADDR")
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return remote
    return forwarded[-trusted][:45]  # an IPv6 address is at most 45 characters


class PrivateAnswersMiddleware:
    """An answer for a signed-in user (a session, or an API token) is the user's: no shared
    cache may keep it (``Cache-Control: private``), and it varies with the credentials that chose
    it (``Vary: Cookie, Authorization``). Public answers are left as they are."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        from django.conf import settings
        from django.utils.cache import patch_cache_control, patch_vary_headers

        by_token = bool(request.META.get("HTTP_AUTHORIZATION"))
        by_session = settings.SESSION_COOKIE_NAME in request.COOKIES and bool(
            getattr(getattr(request, "user", None), "is_authenticated", False)
        )
        if by_token or by_session:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response


class RequestSizeLimitMiddleware:
    """A request whose declared length is over ``MAX_REQUEST_BYTES`` is refused before a byte
    of its body is read (413, the API's JSON error or the error page): a 300 MB upload is not
    received and written to the temporary directory first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.http import JsonResponse

        limit = int(settings.MAX_REQUEST_BYTES)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            message = f"The request is {length:,} bytes; the limit is {limit:,} bytes."
            if request.path.startswith("/api/"):
                return JsonResponse({"error": "body_too_large", "detail": message}, status=413)
            return render(
                request,
                "application_error.html",
                {"message": message, "code": "body_too_large"},
                status=413,
            )
        return self.get_response(request)

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import Resolver404, include, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as account_views

from . import api


def health(request: HttpRequest) -> JsonResponse:
    """A trivial JSON answer: for load balancers, and the floor of the HTTP benchmark."""
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def landing(request: HttpRequest) -> HttpResponse:
    """Where a log-in lands: curators at the library's administration; a creator with nothing
    assessed yet at the page that reads their files (and starts an assessment with them); everyone
    else at their assessments."""
    from accounts.roles import Role
    from accounts.services import user_role
    from assessments.models import Assessment

    user = request.user
    if not user.is_authenticated:
        return redirect("home")
    if user.is_staff:
        return redirect("admin:index")
    if user_role(user) == Role.CREATOR and not Assessment.objects.filter(owner=user).exists():
        return redirect("assessments:logs")
    return redirect("assessments:list")


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says: sent to the site's icon."""
    return redirect(static("favicon.svg"), permanent=True)


@csrf_exempt  # it changes nothing and answers 404 to any method, as an unresolved address did
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Every address nothing else answers, with DEBUG on or off: the friendly page (JSON under
    /api/). An address that exists with a trailing slash is sent there, as APPEND_SLASH does."""
    if settings.APPEND_SLASH and not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING")
            return HttpResponsePermanentRedirect(
                request.path + "/" + (f"?{query}" if query else "")
            )
    return handler404(request)


api_patterns = [
    path("health/", health, name="health"),
    path("auth/token/", account_views.TokenObtainView.as_view(), name="auth-token"),
    path("auth/token/revoke/", account_views.TokenRevokeView.as_view(), name="auth-token-revoke"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its initialiser as a script file: no inline script (CSP).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("", include("cases.api.urls")),
    path("", include("assessments.api.urls")),
]

urlpatterns = [
    path("", home, name="home"),
    path("cases/", include("cases.urls")),
    path("", include("assessments.urls")),
    path("accounts/signup/", account_views.signup, name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/", include((api_patterns, "api"))),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/landing/", landing, name="landing"),
    path("favicon.ico", favicon),
    # Last: whatever nothing above answers gets the friendly page, even with DEBUG on.
    re_path(r"^(?P<rest>.*)$", not_found),
]


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api.json_not_found(request, exception)
    return render(request, "404.html", status=404)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api.json_server_error(request)
    return render(request, "500.html", status=500)

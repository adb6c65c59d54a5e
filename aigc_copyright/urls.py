from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import views as account_views

from . import api


def health(request: HttpRequest) -> JsonResponse:
    """A trivial JSON answer: for load balancers, and the floor of the HTTP benchmark."""
    return JsonResponse({"status": "ok"})


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


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
]


def handler404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api.json_not_found(request, exception)
    return render(request, "404.html", status=404)


def handler500(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        return api.json_server_error(request)
    return render(request, "500.html", status=500)

from typing import Any

from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from aigc_copyright.api import ERROR

from .forms import SignUpForm
from .roles import Role
from .services import user_create_with_role


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = user_create_with_role(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            email=form.cleaned_data.get("email") or "",
            role=Role(form.cleaned_data["role"]),
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("assessments:list")
    return render(
        request, "registration/signup.html", {"form": form}, status=400 if form.errors else 200
    )


class BoundedAuthTokenSerializer(AuthTokenSerializer):
    """DRF's serializer with the lengths the user model allows: an over-long username is a 400,
    never a lookup (the lock-out records keep at most 255 characters of it)."""

    username = serializers.CharField(label="Username", write_only=True, max_length=150)
    password = serializers.CharField(
        label="Password",
        style={"input_type": "password"},
        trim_whitespace=False,
        write_only=True,
        max_length=4096,
    )


class TokenObtainView(ObtainAuthToken):
    """POST /api/auth/token/: username and password in, the user's API token out."""

    serializer_class = BoundedAuthTokenSerializer
    # ObtainAuthToken names DRF's own parsers; the API's bounded JSON parser first, as elsewhere.
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    @extend_schema(
        summary="Get your API token",
        request=BoundedAuthTokenSerializer,
        responses={
            200: inline_serializer("Token", fields={"token": serializers.CharField()}),
            400: OpenApiResponse(ERROR, description="Wrong or missing username or password."),
            403: OpenApiResponse(ERROR, description="Locked out after repeated failures."),
            415: OpenApiResponse(ERROR, description="A body that is not JSON or a form."),
            429: OpenApiResponse(ERROR, description="Too many attempts."),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().post(request, *args, **kwargs)


class TokenRevokeView(APIView):
    """DELETE /api/auth/token/revoke/: the token used (or the user's token) stops working."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Revoke your API token", request=None, responses={204: None, 404: None})
    def delete(self, request: Request) -> Response:
        deleted, _ = Token.objects.filter(user=request.user).delete()
        return Response(status=204 if deleted else 404)

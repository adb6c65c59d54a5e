from typing import Any

from django.conf import settings
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from knox.models import AuthToken
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from aigc_copyright.api import ERROR
from aigc_copyright.parsers import BoundedJSONParser
from assessments.errors import ApplicationError

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


class LockedOut(ApplicationError):
    code = "locked_out"
    status = 429


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


class TokenObtainView(APIView):
    """POST /api/auth/token/: username and password in, a new API token out. Tokens are stored
    hashed (django-rest-knox), expire after ``API_TOKEN_TTL_DAYS`` and die with a password
    change or reset; each call issues a token of its own."""

    serializer_class = BoundedAuthTokenSerializer
    permission_classes = [AllowAny]
    authentication_classes: list[type] = []
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]

    @extend_schema(
        summary="Get an API token",
        request=BoundedAuthTokenSerializer,
        responses={
            200: inline_serializer(
                "Token",
                fields={"token": serializers.CharField(), "expiry": serializers.DateTimeField()},
            ),
            400: OpenApiResponse(ERROR, description="Wrong or missing username or password."),
            413: OpenApiResponse(ERROR, description="A body over the size limit."),
            415: OpenApiResponse(ERROR, description="A body that is not JSON or a form."),
            429: OpenApiResponse(ERROR, description="Locked out after repeated failures."),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.serializer_class(data=request.data, context={"request": request})
        if not serializer.is_valid():
            # django-axes marks the request it refused (the account is locked for this
            # address): the documented 429, not a wrong-password 400.
            if getattr(request, "axes_locked_out", False):
                raise LockedOut(
                    "Too many failed log-ins for this account from this address; try again in "
                    f"{int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)} minutes."
                )
            raise ValidationError(serializer.errors)
        instance, token = AuthToken.objects.create(serializer.validated_data["user"])
        return Response({"token": token, "expiry": instance.expiry})


class TokenRevokeView(APIView):
    """DELETE /api/auth/token/revoke/: the token used stops working (signed in with the
    session instead: every token of the user)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Revoke your API token", request=None, responses={204: None, 404: None})
    def delete(self, request: Request) -> Response:
        if isinstance(request.auth, AuthToken):
            request.auth.delete()
            return Response(status=204)
        deleted, _ = AuthToken.objects.filter(user=request.user).delete()
        return Response(status=204 if deleted else 404)

"""Addresses of the library's public pages, as clients receive them.

A link in a page, an API answer or a document must open for the person who reads it, so it is
never a loopback default: ``PUBLIC_URL`` when the deployment sets it, else the address of the
request being answered. A document built without a request (a worker, a command) needs one of the
two: the submit records the request's address for its build, and otherwise ``PUBLIC_URL`` must be
set (``PublicUrlMissing``).
"""

from typing import Any

from django.conf import settings
from django.urls import reverse

from aigc_copyright.errors import ApplicationError


class PublicUrlMissing(ApplicationError):
    code = "public_url_missing"
    status = 503

    def __init__(self) -> None:
        super().__init__(
            "PUBLIC_URL is not set: documents built outside a request need the public address of "
            "this deployment (for example https://copyright.example.com) to link to the library."
        )


def public_base(request: Any = None) -> str:
    """The public origin, without a trailing slash."""
    configured = str(getattr(settings, "PUBLIC_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return str(request.build_absolute_uri("/")).rstrip("/")
    raise PublicUrlMissing()


def case_url_template(base: str) -> str:
    """``{base}/cases/{slug}/`` with ``{slug}`` left to fill (the pure renderer formats it)."""
    return base.rstrip("/") + reverse("cases:detail", args=["SLUG"]).replace("SLUG", "{slug}")


def case_page_url(slug: str, request: Any = None) -> str:
    return public_base(request) + reverse("cases:detail", args=[slug])

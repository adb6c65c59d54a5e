"""The API's one JSON body parser: bounded in size (checked against the declared length before
anything is read, then while reading) and in nesting depth (checked before decoding), so that a
hostile body gets the API's JSON error, never a 500 or Django's HTML 400."""

import json
import re
from typing import Any

from django.conf import settings
from rest_framework.parsers import BaseParser

from assessments.errors import ApplicationError

# Request bodies the API accepts nest far less than this (an intake: four levels).
MAX_BODY_DEPTH = 32
_STRINGS_AND_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"|[^\[\]{}"]+')


class BodyTooLarge(ApplicationError):
    code = "body_too_large"
    status = 413


class InvalidBody(ApplicationError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def body_limit() -> int:
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def declared_length(request: Any) -> int | None:
    meta = request.META
    try:
        return int(meta.get("CONTENT_LENGTH") or meta.get("HTTP_CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return None


def too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(f"The request body is larger than the limit of {limit:,} bytes.")


def nesting_depth(text: str, limit: int) -> int:
    """How deeply the JSON text nests (stopping once past ``limit``), strings skipped."""
    depth = deepest = 0
    for bracket in _STRINGS_AND_TEXT.sub("", text):
        if bracket in "[{":
            depth += 1
            if depth > limit:
                return depth
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_body(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidBody("invalid_utf8", f"The body is not UTF-8 (byte {exc.start}).") from exc
    if nesting_depth(text, MAX_BODY_DEPTH) > MAX_BODY_DEPTH:
        raise InvalidBody(
            "json_too_deep", f"The JSON body nests deeper than {MAX_BODY_DEPTH} levels."
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise InvalidBody("invalid_json", f"The body is not valid JSON: {exc}.") from exc


class BoundedJSONParser(BaseParser):
    """``application/json`` bodies up to ``DATA_UPLOAD_MAX_MEMORY_SIZE`` and ``MAX_BODY_DEPTH``.
    Not a subclass of DRF's JSONParser on purpose: DRF reads the whole body through Django's
    ``request.body`` for that class, which answers an oversized body with an HTML 400."""

    media_type = "application/json"

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: dict[str, Any] | None = None,
    ) -> Any:
        limit = body_limit()
        request = (parser_context or {}).get("request")
        length = declared_length(request) if request is not None else None
        if length is not None and length > limit:
            raise too_large(limit)
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise too_large(limit)
        return load_body(raw)

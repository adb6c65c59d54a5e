"""The project's own ``aigc-creation-log/1`` JSON, validated by the same pydantic model."""

from typing import Any

from pydantic import ValidationError

from .errors import CreationLogError
from .schema import FORMAT_ID, CreationLog
from .text import check_json_text, load_json


def is_native(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT_ID


def parse_native(data: dict[str, Any]) -> CreationLog:
    try:
        return CreationLog.model_validate(data)
    except ValidationError as exc:
        raise invalid_log(exc) from exc


def parse_native_json(text: str) -> CreationLog:
    """Validate straight from the JSON text (the bounded checks of ``load_json`` first)."""
    check_json_text(text, what="file")
    try:
        return CreationLog.model_validate_json(text)
    except ValidationError as exc:
        load_json(text, what="file")  # a precise error first: syntax, depth, number size
        raise invalid_log(exc) from exc


def invalid_log(exc: ValidationError) -> CreationLogError:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error['loc']) or 'log'}: {error['msg']}"
        for error in exc.errors()[:5]
    )
    more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return CreationLogError("invalid_log", f"The {FORMAT_ID} file is not valid: {problems}{more}.")

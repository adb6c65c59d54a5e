"""The project's own ``aigc-creation-log/1`` JSON, validated by the same pydantic model."""

import re
from typing import Any

from pydantic import ValidationError

from .errors import CreationLogError
from .limits import MAX_LOG_STEPS
from .schema import FORMAT_ID, CreationLog
from .text import check_json_size, check_json_text, load_json

# A step's required key, outside a string (inside one its quotes are escaped).
_RE_STEP = re.compile(r'(?<!\\)"action"\s*:')


def check_steps(count: int) -> None:
    if count > MAX_LOG_STEPS:
        raise CreationLogError(
            "too_many_steps",
            f"The log has {count:,} steps; the limit is {MAX_LOG_STEPS:,} steps per log.",
        )


def is_native(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT_ID


def parse_native(data: dict[str, Any]) -> CreationLog:
    steps = data.get("steps")
    check_steps(len(steps) if isinstance(steps, list) else 0)
    try:
        return CreationLog.model_validate(data)
    except ValidationError as exc:
        raise invalid_log(exc) from exc


def parse_native_json(text: str) -> CreationLog:
    """Validate straight from the JSON text (the bounded checks of ``load_json`` first)."""
    check_json_text(text, what="file")
    check_json_size(text, what="file")
    # Counted before anything is built: every step has "action" (an upper bound on the steps;
    # the exact count, keys only, where the quick one is over the limit).
    if text.count('"action"') > MAX_LOG_STEPS:
        check_steps(len(_RE_STEP.findall(text)))
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

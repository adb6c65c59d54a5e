"""The project's own ``aigc-creation-log/1`` JSON, validated by the same pydantic model."""

import json
import re
from typing import Any

from pydantic import TypeAdapter, ValidationError

from . import progress
from .errors import CreationLogError
from .limits import MAX_LOG_STEPS
from .schema import FORMAT_ID, CreationLog, Step
from .text import check_json_size, check_json_text, finite_float, load_json, reject_constant

# A step's required key, outside a string (inside one its quotes are escaped).
RE_STEP = re.compile(r'(?<!\\)"action"\s*:')


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
    """Validate straight from the JSON text (the bounded checks of ``load_json`` first).

    Each step is validated as soon as the decoder has built it, so the decoded dictionaries of
    one step are freed before the next is read, and repeated short values (the model, the
    sampler, the size) are shared: the peak stays near three times the file instead of six. Any
    failure falls back to pydantic's own JSON validation, whose answer (or precise error) is the
    one given.
    """
    check_json_text(text, what="file")
    check_json_size(text, what="file")
    # Counted before anything is built: every step has "action" (an upper bound on the steps;
    # the exact count, keys only, where the quick one is over the limit).
    expected = text.count('"action"')
    if expected > MAX_LOG_STEPS:
        expected = len(RE_STEP.findall(text))
        check_steps(expected)
    log = _parse_streaming(text, expected)
    if log is not None:
        return log
    try:
        return CreationLog.model_validate_json(text)
    except ValidationError as exc:
        load_json(text, what="file")  # a precise error first: syntax, depth, number size
        raise invalid_log(exc) from exc


_STEP = TypeAdapter(Step)
# Values that repeat from step to step; one object each is kept (at most _MEMO_SIZE of them).
_SHARED_KEYS = frozenset(
    {
        "tool",
        "tool_version",
        "model",
        "model_hash",
        "negative_prompt",
        "source",
        "sampler",
        "scheduler",
        "name",
        "hash",
        "role",
        "author",
        "origin",
        "width",
        "height",
        "steps",
        "cfg_scale",
        "clip_skip",
        "weight",
        "denoise",
    }
)
_MEMO_SIZE = 4096


# A worker's progress is told every this many steps.
_PROGRESS_EVERY = 2_000


def _parse_streaming(text: str, expected: int) -> CreationLog | None:
    """The log, or None where anything is unusual (the caller then validates the exact way)."""
    memo: dict[tuple[type, Any], Any] = {}
    told = progress.active()
    read = 0

    def hook(obj: dict[str, Any]) -> Any:
        nonlocal read
        for key in _SHARED_KEYS.intersection(obj):
            value = obj[key]
            if isinstance(value, str | int | float) and not isinstance(value, bool):
                marker = (type(value), value)
                shared = memo.get(marker)
                if shared is None:
                    if len(memo) < _MEMO_SIZE:
                        memo[marker] = value
                else:
                    obj[key] = shared
        if "action" in obj:
            read += 1
            if told and read % _PROGRESS_EVERY == 0:
                progress.report(read, expected)
            return _STEP.validate_python(obj)
        return obj

    try:
        data = json.loads(
            text, object_hook=hook, parse_constant=reject_constant, parse_float=finite_float
        )
        if not isinstance(data, dict) or not isinstance(data.get("steps"), list):
            return None
        if not all(isinstance(step, Step) for step in data["steps"]):
            return None
        return CreationLog.model_validate(data)
    except (ValidationError, ValueError, TypeError, RecursionError):
        return None


def invalid_log(exc: ValidationError) -> CreationLogError:
    problems = "; ".join(
        f"{'.'.join(str(p) for p in error['loc']) or 'log'}: {error['msg']}"
        for error in exc.errors()[:5]
    )
    more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
    return CreationLogError("invalid_log", f"The {FORMAT_ID} file is not valid: {problems}{more}.")

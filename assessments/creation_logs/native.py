"""The project's own ``aigc-creation-log/1`` JSON, validated by the same pydantic model."""

from typing import Any

from pydantic import ValidationError

from .errors import CreationLogError
from .schema import FORMAT_ID, CreationLog


def is_native(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT_ID


def parse_native(data: dict[str, Any]) -> CreationLog:
    try:
        return CreationLog.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'log'}: {error['msg']}"
            for error in exc.errors()[:5]
        )
        more = f" (and {exc.error_count() - 5} more)" if exc.error_count() > 5 else ""
        raise CreationLogError(
            "invalid_log", f"The {FORMAT_ID} file is not valid: {problems}{more}."
        ) from exc

"""Decoding rules for metadata text: charsets, mojibake, EXIF UserComment, bounded JSON."""

import json
import re
from typing import Any

from .errors import CreationLogError


def repair_mojibake(text: str) -> str:
    """UTF-8 bytes stored as Latin-1 text (Stability Matrix, TensorArt): repair when it decodes."""
    if not text or text.isascii():
        return text
    try:
        repaired = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text
    return repaired


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_user_comment(raw: bytes | str) -> str:
    """EXIF UserComment: an 8-byte charset prefix, then the text.

    A1111/piexif write UTF-16BE, SwarmUI/ImageSharp UTF-16LE; neither writes a BOM, so the byte
    order is sniffed from which byte of the first pairs is NUL (FORMATS.md §6.3).
    """
    if isinstance(raw, str):
        return raw
    prefix, body = raw[:8], raw[8:]
    if prefix.startswith(b"UNICODE"):
        if body.startswith((b"\xfe\xff", b"\xff\xfe")):
            return body.decode("utf-16", errors="replace")
        sample = body[:64]
        even_nuls = sum(1 for i in range(0, len(sample), 2) if sample[i] == 0)
        odd_nuls = sum(1 for i in range(1, len(sample), 2) if sample[i] == 0)
        codec = "utf-16-be" if even_nuls >= odd_nuls else "utf-16-le"
        return body.decode(codec, errors="replace")
    if prefix.startswith((b"ASCII", b"\x00" * 8, b"JIS")):
        data = body
    else:
        data = raw
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def strip_nuls(text: str) -> str:
    return text.strip("\x00").strip()


_RE_LONE_SURROGATE = re.compile(
    r"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def check_json_text(raw: str, *, what: str = "JSON") -> None:
    """What JSON allows but text cannot hold: NUL characters and lone surrogates."""
    if "\\u0000" in raw or "\x00" in raw:
        raise CreationLogError("nul_character", f"The {what} contains a NUL character.")
    if ("\\ud" in raw or "\\uD" in raw) and _RE_LONE_SURROGATE.search(raw):
        raise CreationLogError(
            "invalid_text", f"The {what} contains a lone surrogate (\\ud800-\\udfff), not text."
        )


_RE_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def check_json_size(text: str, *, what: str = "JSON") -> None:
    """At most ``MAX_JSON_CONTAINERS`` objects and arrays: a file of millions of empty steps is
    refused before it is decoded (decoding builds every one)."""
    from .limits import MAX_JSON_CONTAINERS

    if text.count("{") + text.count("[") <= MAX_JSON_CONTAINERS:
        return  # even counting brackets inside strings, within the limit
    bare = _RE_JSON_STRING.sub('""', text)
    containers = bare.count("{") + bare.count("[")
    if containers > MAX_JSON_CONTAINERS:
        raise CreationLogError(
            "too_many_objects",
            f"The {what} holds {containers:,} JSON objects and arrays; the limit is "
            f"{MAX_JSON_CONTAINERS:,}.",
        )


def load_json(text: str | bytes, *, what: str = "JSON") -> Any:
    """Parse JSON with bounded depth, size and number size; raise CreationLogError naming the
    problem."""
    decoded = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    check_json_text(decoded, what=what)
    check_json_size(decoded, what=what)
    # The C decoder guards its own recursion: nesting past Python's recursion limit raises
    # RecursionError instead of exhausting the stack, so no pre-scan is needed.
    try:
        return json.loads(text, parse_constant=reject_constant, parse_float=finite_float)
    except RecursionError as exc:
        raise CreationLogError("json_too_deep", f"The {what} is nested too deeply.") from exc
    except ValueError as exc:
        message = str(exc)
        if "Exceeds the limit" in message and "digits" in message:
            raise CreationLogError(
                "number_too_large", f"The {what} holds a number with too many digits."
            ) from exc
        if "surrogate" in message:
            raise CreationLogError(
                "invalid_text", f"The {what} holds an invalid character: {message}."
            ) from exc
        raise CreationLogError("invalid_json", f"The {what} is not valid JSON: {message}.") from exc


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError("Exceeds the limit of a float: too many digits")
    return number


def as_int(value: Any) -> int | None:
    """Seeds and counts arrive as ints, floats or strings ("1234", "-1", "unknown")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        if re.fullmatch(r"-?\d{1,40}", value):
            return int(value)
        if re.fullmatch(r"-?\d+\.0+", value):
            return int(float(value))
    return None


def as_float(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if number == number and abs(number) != float("inf") else None
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
        return number if number == number and abs(number) != float("inf") else None
    return None


def as_seed(value: Any) -> int | None:
    """-1 means 'random, not recorded' (TensorArt, A1111 UI): unknown, not a seed."""
    seed = as_int(value)
    return None if seed is None or seed < 0 else seed


def as_dict(value: Any) -> dict[str, Any]:
    """A JSON object as it is; anything else (missing, null, a list, a string) as an empty one."""
    return value if isinstance(value, dict) else {}


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def scalar(value: Any) -> str | int | float | bool | None:
    """A value kept verbatim in ``Params.extra``; containers are kept as compact JSON."""
    if value is None or isinstance(value, str | int | float | bool):
        if isinstance(value, float) and (value != value or abs(value) == float("inf")):
            return str(value)
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)[:10_000]

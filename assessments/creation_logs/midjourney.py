"""Midjourney: the image's ``Description`` (``<prompt> --ar 2:1 --v 6 Job ID: <uuid>``) and pasted
``/imagine`` prompt logs, one prompt per line, with their ``--`` parameters.

A pasted log is user-supplied and unsigned: its steps carry a note saying so.
"""

import re
from datetime import datetime

from .schema import Input, Params, Step
from .text import as_float, as_int, as_seed

RE_JOB = re.compile(r"\s*Job ID:\s*([0-9a-f-]{36})\s*$", re.I)
RE_FLAG = re.compile(r"(?:^|\s)--([a-z]+)(?:\s+((?:(?!\s--)[^\n])*))?", re.I)
RE_URL = re.compile(r"^(?:<?https?://\S+>?\s+)+")
RE_TIMESTAMP = re.compile(
    r"^\[?(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s*"
)
ALIASES = {
    "aspect": "ar",
    "c": "chaos",
    "q": "quality",
    "s": "stylize",
    "w": "weird",
    "v": "version",
    "cw": "cref_weight",
    "sw": "sref_weight",
    "iw": "image_weight",
}


def is_midjourney_description(text: str) -> bool:
    return bool(RE_JOB.search(text)) or bool(re.search(r"\s--(?:v|niji|ar)\s+\S+", text))


def parse_line(
    line: str, *, source: str, at: datetime | None = None, note: str | None = None
) -> Step | None:
    text = line.strip()
    if text.lower().startswith("/imagine"):
        text = re.sub(r"^/imagine\s*(prompt:)?\s*", "", text, flags=re.I)
    job = RE_JOB.search(text)
    job_id = job.group(1) if job else None
    if job:
        text = text[: job.start()].strip()
    urls_match = RE_URL.match(text)
    image_prompts = urls_match.group(0).split() if urls_match else []
    text = text[urls_match.end() :] if urls_match else text
    first_flag = re.search(r"(?:^|\s)--[a-z]", text, re.I)
    prompt = (text[: first_flag.start()] if first_flag else text).strip()
    flags: dict[str, str] = {}
    for name, value in RE_FLAG.findall(text[first_flag.start() :] if first_flag else ""):
        flags[ALIASES.get(name.lower(), name.lower())] = (value or "true").strip()
    if not prompt and not image_prompts:
        return None
    extra: dict[str, str | int | float | bool | None] = {
        k: v for k, v in flags.items() if k not in ("seed", "no")
    }
    if job_id:
        extra["job_id"] = job_id
    return Step(
        at=at,
        action="generate",
        tool="Midjourney",
        tool_version=flags.get("version") or (f"niji {flags['niji']}" if "niji" in flags else None),
        prompt=prompt or None,
        negative_prompt=flags.get("no"),
        params=Params(
            seed=as_seed(flags.get("seed")),
            extra=extra
            | (
                {"stylize": as_float(flags["stylize"])}
                if as_float(flags.get("stylize")) is not None
                else {}
            )
            | ({"chaos": as_int(flags["chaos"])} if as_int(flags.get("chaos")) is not None else {}),
        ),
        inputs=tuple(Input(role="reference", name=url.strip("<>")) for url in image_prompts),
        source=source,
        note=note,
    )


def looks_like_prompt_log(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        return False
    hits = sum(
        1
        for ln in lines
        if ln.strip().lower().startswith("/imagine")
        or re.search(r"\s--(?:v|niji|ar|stylize|s)\s+\S", ln)
    )
    return hits >= max(1, len(lines) // 2)


def parse_log(text: str, *, source: str) -> list[Step]:
    steps = []
    for line in text.splitlines():
        if not line.strip():
            continue
        at = None
        stamp = RE_TIMESTAMP.match(line.strip())
        body = line.strip()
        if stamp:
            try:
                at = datetime.fromisoformat(stamp.group(1).replace("Z", "+00:00"))
            except ValueError:
                at = None
            body = body[stamp.end() :]
        step = parse_line(
            body, source=source, at=at, note="From a pasted prompt log: user-supplied, unsigned."
        )
        if step is not None:
            steps.append(step)
    return steps

"""Several files of one work merged into one timeline.

Steps are ordered by timestamp where known (steps without one keep their upload order after the
dated steps before them) and linked where the data allows: an img2img init image whose SHA-256
or name matches another file's output, the same seed with a changed prompt (an iteration), the
same prompt with changed parameters, and C2PA ingredients naming another uploaded file.
"""

import copy
from datetime import UTC, datetime

from .schema import CreationLog, Link, Output, Step


def _key(item: tuple[int, Step]) -> tuple[int, datetime, int]:
    index, step = item
    if step.at is None:
        return (1, datetime.min.replace(tzinfo=UTC), index)
    at = step.at if step.at.tzinfo else step.at.replace(tzinfo=UTC)
    return (0, at, index)


def merge(logs: list[CreationLog]) -> CreationLog:
    steps: list[Step] = []
    for log in logs:
        file = log.files[0] if log.files else None
        for step in log.steps:
            # A shallow copy: a step's parts are tuples and never changed once built.
            own = copy.copy(step)
            if own.tool is None:
                # A step keeps the tool of the log it came from once the timelines are merged.
                own.tool, own.tool_version = log.tool, log.tool_version
            if file is not None and step is log.steps[-1] and not own.outputs:
                # The last step of an image's log produced that image.
                if file.format in ("png", "jpeg", "webp", "gif"):
                    own.outputs = (Output(name=file.name, sha256=file.sha256),)
            steps.append(own)
    dated = any(step.at is not None for step in steps)
    if dated:
        undated_positions = [i for i, s in enumerate(steps) if s.at is None]
        dated_steps = sorted((s for s in steps if s.at is not None), key=lambda s: _key((0, s)))
        ordered: list[Step] = []
        it = iter(dated_steps)
        for position in range(len(steps)):
            if position in undated_positions:
                ordered.append(steps[position])
            else:
                ordered.append(next(it))
        steps = ordered
    _link(steps)
    merged = CreationLog(
        source_format="merged" if len(logs) > 1 else (logs[0].source_format if logs else None),
        tool=_common([log.tool for log in logs]),
        model=_common([log.model for log in logs]),
        steps=steps,
        provenance=[p for log in logs for p in log.provenance],
        files=[f for log in logs for f in log.files],
        warnings=[w for log in logs for w in log.warnings],
    )
    return merged


def _common(values: list[str | None]) -> str | None:
    present = {v for v in values if v}
    return present.pop() if len(present) == 1 else None


def _link(steps: list[Step]) -> None:
    by_hash: dict[str, int] = {}
    by_name: dict[str, int] = {}
    for index, step in enumerate(steps):
        for item in step.inputs:
            if item.role == "init":
                earlier = (
                    by_hash.get(item.sha256 or "") if item.sha256 else by_name.get(item.name or "")
                )
                if earlier is not None:
                    step.links += (Link(kind="init_image", step=earlier, detail=item.name),)
        init_hash = step.params.extra.get("Init image hash") if step.params else None
        if isinstance(init_hash, str):
            for digest, earlier in by_hash.items():
                if digest.startswith(init_hash.lower()):
                    step.links += (Link(kind="init_image", step=earlier, detail="Init image hash"),)
        for earlier in range(index - 1, -1, -1):
            other = steps[earlier]
            if step.params and other.params and step.params.seed is not None:
                if step.params.seed == other.params.seed and step.prompt != other.prompt:
                    step.links += (Link(kind="same_seed", step=earlier, detail="prompt changed"),)
                    break
            if step.prompt and step.prompt == other.prompt and step.params != other.params:
                step.links += (Link(kind="same_prompt", step=earlier, detail="parameters changed"),)
                break
        for output in step.outputs:
            if output.sha256:
                by_hash[output.sha256] = index
            if output.name:
                by_name[output.name] = index

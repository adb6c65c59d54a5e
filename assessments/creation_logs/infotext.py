"""AUTOMATIC1111 "infotext" and the tools that write it (Forge, reForge, SD.Next, Civitai, Stability
Matrix, Fooocus in a1111 mode), parsed with A1111's own key-value grammar.

Grammar (modules/infotext_utils.py): the prompt, an optional ``Negative prompt:`` section, and a
last line of ``Key: value, ...`` where a value holding ``,`` ``:`` or a newline is JSON-quoted.
The last line counts as parameters only if it yields at least three pairs. Using A1111's regular
expression keeps quoted values such as ``Lora hashes: "name: hash"`` whole.
"""

import json
import re
from typing import Any

from .schema import Action, ControlNet, Lora, Params, PromptAuthor, PromptRole, PromptText, Step
from .text import as_float, as_int, as_seed, as_text, scalar

RE_PARAM = re.compile(r'\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)')
RE_SIZE = re.compile(r"^(\d+)\s*x\s*(\d+)$")
RE_LORA_TAG = re.compile(r"<lora:([^:>]+)(?::([-\d.]+))?[^>]*>")
INPAINT_KEYS = (
    "Mask blur",
    "Inpaint area",
    "Masked content",
    "Mask mode",
    "Soft inpainting enabled",
)
HIRES_KEYS = ("Hires upscale", "Hires steps", "Hires upscaler", "Hires resize-1", "Hires sampler")
CORE_KEYS = {
    "Steps",
    "Sampler",
    "CFG scale",
    "Seed",
    "Size",
    "Model",
    "Model hash",
    "Schedule type",
}


def unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == '"' and value[-1] == '"':
        try:
            decoded = json.loads(value)
        except ValueError:
            return value[1:-1]
        return decoded if isinstance(decoded, str) else value
    return value


def parse_params_line(line: str) -> dict[str, str]:
    return {key.strip(): unquote(value) for key, value in RE_PARAM.findall(line)}


def split(text: str) -> tuple[str, str | None, dict[str, str]] | None:
    """(prompt, negative prompt, parameters) or None when the text is not infotext."""
    lines = text.strip("\n").split("\n")
    if not lines:
        return None
    params = parse_params_line(lines[-1])
    if len(params) < 3 or not (CORE_KEYS & params.keys()):
        return None
    body = lines[:-1]
    prompt_lines: list[str] = []
    negative_lines: list[str] | None = None
    for line in body:
        if negative_lines is None and line.startswith("Negative prompt:"):
            negative_lines = [line[len("Negative prompt:") :].strip()]
        elif negative_lines is not None:
            negative_lines.append(line)
        else:
            prompt_lines.append(line)
    prompt = "\n".join(prompt_lines).strip()
    negative = "\n".join(negative_lines).strip() if negative_lines is not None else None
    return prompt, negative, params


def looks_like_infotext(text: str) -> bool:
    return split(text) is not None


def _loras(prompt: str, params: dict[str, str]) -> list[Lora]:
    hashes: dict[str, str] = {}
    for part in params.get("Lora hashes", "").split(","):
        name, _, digest = part.partition(":")
        if name.strip() and digest.strip():
            hashes[name.strip()] = digest.strip()
    loras = [
        Lora(name=name, weight=as_float(weight) if weight else None, hash=hashes.get(name))
        for name, weight in RE_LORA_TAG.findall(prompt)
    ]
    named = {lora.name for lora in loras}
    loras += [Lora(name=name, hash=digest) for name, digest in hashes.items() if name not in named]
    return loras


def _controlnets(params: dict[str, str]) -> list[ControlNet]:
    units: dict[str, dict[str, str]] = {}
    for key, value in params.items():
        match = re.match(r"ControlNet[ -](\d+)(?: (.+))?$", key)
        if not match:
            continue
        unit = units.setdefault(match.group(1), {})
        if match.group(2):  # old form: "ControlNet-0 Module: canny"
            unit[match.group(2)] = value
        else:  # new form: ControlNet 0: "Module: canny, Model: ..., Weight: 1.0"
            unit.update(parse_params_line(value))
    return [
        ControlNet(
            module=unit.get("Module") or unit.get("Preprocessor"),
            model=unit.get("Model"),
            weight=as_float(unit.get("Weight")),
            settings={k: v for k, v in unit.items() if k not in ("Module", "Model", "Weight")},
        )
        for _, unit in sorted(units.items())
    ]


def identify_tool(params: dict[str, str]) -> tuple[str, str | None]:
    version = params.get("Version")
    if params.get("App") == "SD.Next":
        return "SD.Next", version
    if "Civitai resources" in params or "Civitai metadata" in params:
        return "Civitai", version
    if version:
        if version.startswith("classic"):
            return "Forge Classic", version
        if version.startswith("neo"):
            return "Forge Neo", version
        if re.match(r"f\d+\.\d+\.\d+", version) and "RC" in version:
            return "reForge", version
        if version.startswith("f"):
            return "Forge", version
        if "Fooocus" in version:
            return "Fooocus", version
        return "AUTOMATIC1111", version
    return "AUTOMATIC1111", None


def to_step(text: str, *, source: str, tool: str | None = None) -> Step | None:
    parts = split(text)
    if parts is None:
        return None
    prompt, negative, params = parts
    found_tool, version = identify_tool(params)
    size = RE_SIZE.match(params.get("Size", ""))
    denoise = as_float(params.get("Denoising strength"))
    hires = any(key in params for key in HIRES_KEYS)
    action: Action
    if any(key in params for key in INPAINT_KEYS):
        action = "inpaint"
    elif denoise is not None and not hires:
        action = "img2img"
    elif "img2img" in params.get("Operations", ""):
        action = "img2img"
    else:
        action = "generate"
    prompts = []
    role: PromptRole
    for key, role in (
        ("Hires prompt", "hires"),
        ("Hires negative prompt", "hires_negative"),
        ("ADetailer prompt", "detailer"),
        ("ADetailer negative prompt", "detailer_negative"),
        ("Template", "template"),
        ("Negative Template", "template"),
    ):
        if params.get(key):
            author: PromptAuthor = "human" if role == "template" else "unknown"
            prompts.append(PromptText(role=role, text=params[key], author=author))
    if params.get("Raw prompt"):  # Fooocus in a1111 scheme: what the user typed
        prompts.append(PromptText(role="original", text=params["Raw prompt"], author="human"))
    used = CORE_KEYS | {"Denoising strength", "Clip skip", "Lora hashes", "Version"}
    extra: dict[str, Any] = {k: scalar(v) for k, v in params.items() if k not in used}
    step_params = Params(
        seed=as_seed(params.get("Seed")),
        steps=as_int(params.get("Steps")),
        cfg_scale=as_float(params.get("CFG scale")),
        sampler=as_text(params.get("Sampler")),
        scheduler=as_text(params.get("Schedule type") or params.get("Sampler sigma")),
        width=int(size.group(1)) if size else None,
        height=int(size.group(2)) if size else None,
        denoise=denoise,
        clip_skip=as_int(params.get("Clip skip")),
        loras=tuple(_loras(prompt, params)),
        controlnets=tuple(_controlnets(params)),
        extra=extra,
    )
    # A template before wildcard expansion (Dynamic Prompts) means the prompt was expanded.
    prompt_author: PromptAuthor | None = (
        "wildcard" if params.get("Template") and params["Template"] != prompt else None
    )
    return Step(
        action=action,
        tool=tool or found_tool,
        tool_version=version,
        model=as_text(params.get("Model")),
        model_hash=as_text(params.get("Model hash")),
        prompt=prompt or None,
        negative_prompt=negative or None,
        prompt_author=prompt_author,
        prompts=tuple(prompts),
        params=step_params,
        source=source,
    )

"""InvokeAI, all three generations: v3+ ``invokeai_metadata`` (with ``invokeai_graph``), v2
``sd-metadata`` JSON, and the v1 ``Dream`` command line."""

import re
import shlex
from typing import Any

from .schema import Action, Input, Lora, Params, Step
from .text import as_dict, as_float, as_int, as_seed, as_text, scalar

MODES: dict[str, Action] = {
    "txt2img": "generate",
    "img2img": "img2img",
    "inpaint": "inpaint",
    "outpaint": "outpaint",
}


def _model_name(model: Any) -> tuple[str | None, str | None]:
    if isinstance(model, dict):
        return as_text(model.get("name") or model.get("model_name")), as_text(model.get("hash"))
    return as_text(model), None


def from_metadata(meta: dict[str, Any], *, source: str) -> Step:
    mode = str(meta.get("generation_mode") or "txt2img")
    action: Action = next((a for key, a in MODES.items() if mode.endswith(key)), "generate")
    model, model_hash = _model_name(meta.get("model"))
    loras = []
    for lora in meta.get("loras") or []:
        if isinstance(lora, dict):
            name, digest = _model_name(lora.get("model") or lora.get("lora"))
            if name:
                loras.append(Lora(name=name, weight=as_float(lora.get("weight")), hash=digest))
    inputs = []
    for adapter in meta.get("ipAdapters") or meta.get("ref_images") or []:
        image = adapter.get("image") if isinstance(adapter, dict) else None
        name = image.get("image_name") if isinstance(image, dict) else None
        if name:
            inputs.append(Input(role="reference", name=str(name)))
    known = {
        "generation_mode",
        "positive_prompt",
        "negative_prompt",
        "width",
        "height",
        "seed",
        "cfg_scale",
        "steps",
        "scheduler",
        "model",
        "loras",
        "app_version",
        "strength",
    }
    return Step(
        action=action,
        tool="InvokeAI",
        tool_version=as_text(meta.get("app_version")),
        model=model,
        model_hash=model_hash,
        prompt=as_text(meta.get("positive_prompt")),
        negative_prompt=as_text(meta.get("negative_prompt")),
        params=Params(
            seed=as_seed(meta.get("seed")),
            steps=as_int(meta.get("steps")),
            cfg_scale=as_float(meta.get("cfg_scale")),
            scheduler=as_text(meta.get("scheduler")),
            width=as_int(meta.get("width")),
            height=as_int(meta.get("height")),
            denoise=as_float(meta.get("strength")),
            loras=tuple(loras),
            extra={
                k: scalar(v) for k, v in meta.items() if k not in known and v not in (None, "", [])
            },
        ),
        inputs=tuple(inputs),
        source=source,
    )


RE_NEGATIVE = re.compile(r"\[([^\[\]]*)\]")


def _split_prompt(text: str) -> tuple[str, str | None]:
    negatives = [n.strip() for n in RE_NEGATIVE.findall(text) if n.strip()]
    positive = RE_NEGATIVE.sub("", text).strip().rstrip(",").strip()
    return positive, ", ".join(negatives) or None


def from_sd_metadata(meta: dict[str, Any], *, source: str) -> Step:
    image = as_dict(meta.get("image"))
    prompt_field = image.get("prompt")
    text = ""
    if isinstance(prompt_field, list) and prompt_field and isinstance(prompt_field[0], dict):
        text = str(prompt_field[0].get("prompt", ""))
    elif isinstance(prompt_field, str):
        text = prompt_field
    positive, negative = _split_prompt(text)
    kind = str(image.get("type") or "txt2img")
    return Step(
        action=MODES.get(kind, "generate"),
        tool="InvokeAI",
        tool_version=as_text(meta.get("app_version")),
        model=as_text(meta.get("model_weights")),
        model_hash=as_text(meta.get("model_hash")),
        prompt=positive or None,
        negative_prompt=negative,
        params=Params(
            seed=as_seed(image.get("seed")),
            steps=as_int(image.get("steps")),
            cfg_scale=as_float(image.get("cfg_scale")),
            sampler=as_text(image.get("sampler")),
            width=as_int(image.get("width")),
            height=as_int(image.get("height")),
            denoise=as_float(image.get("strength")) if kind != "txt2img" else None,
        ),
        source=source,
    )


DREAM_FLAGS = {
    "-s": "steps",
    "-S": "seed",
    "-W": "width",
    "-H": "height",
    "-C": "cfg_scale",
    "-A": "sampler",
    "-f": "strength",
    "-G": "facetool_strength",
    "-U": "upscale",
    "-cf": "codeformer_fidelity",
    "-I": "init_img",
}


def looks_like_dream(text: str) -> bool:
    return text.startswith('"') and bool(re.search(r'"\s+-s\s+\d+', text))


def from_dream(text: str, *, source: str) -> Step | None:
    try:
        tokens = shlex.split(text)
    except ValueError:
        return None
    if not tokens:
        return None
    positive, negative = _split_prompt(tokens[0])
    values: dict[str, str] = {}
    index = 1
    while index < len(tokens):
        flag = tokens[index]
        if flag in DREAM_FLAGS and index + 1 < len(tokens):
            values[DREAM_FLAGS[flag]] = tokens[index + 1]
            index += 2
        else:
            index += 1
    init = values.get("init_img")
    return Step(
        action="img2img" if init else "generate",
        tool="InvokeAI",
        tool_version="1.x (Dream)",
        prompt=positive or None,
        negative_prompt=negative,
        params=Params(
            seed=as_seed(values.get("seed")),
            steps=as_int(values.get("steps")),
            cfg_scale=as_float(values.get("cfg_scale")),
            sampler=values.get("sampler"),
            width=as_int(values.get("width")),
            height=as_int(values.get("height")),
            denoise=as_float(values.get("strength")) if init else None,
            extra={
                k: v
                for k, v in values.items()
                if k not in ("seed", "steps", "cfg_scale", "sampler", "width", "height", "strength")
            },
        ),
        inputs=(Input(role="init", name=init),) if init else (),
        source=source,
    )

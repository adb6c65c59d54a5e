"""Fooocus and RuinedFooocus JSON.

Fooocus is the one format that separates what the person typed (``prompt``) from its GPT-2
expansion (``prompt_expansion``) and the style templates (``full_prompt``): each is kept with its
author, so the rules can count only the human text.
"""

import ast
import re
from typing import Any

from .schema import Lora, Params, PromptText, Step
from .text import as_float, as_int, as_seed, as_text, scalar


def is_fooocus(data: Any) -> bool:
    return isinstance(data, dict) and (
        str(data.get("version", "")).startswith("Fooocus")
        or data.get("metadata_scheme") == "fooocus"
        or ("full_prompt" in data and "prompt_expansion" in data)
    )


def is_ruined_fooocus(data: Any) -> bool:
    return isinstance(data, dict) and data.get("software") == "RuinedFooocus"


def _resolution(value: Any) -> tuple[int | None, int | None]:
    match = re.match(r"\(?\s*(\d+)\s*[,x×]\s*(\d+)\s*\)?", str(value or ""))
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _list(value: Any) -> list[Any]:
    if isinstance(value, list):
        return value
    if isinstance(value, str) and value.startswith("["):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return []
        return parsed if isinstance(parsed, list) else []
    return []


def from_fooocus(data: dict[str, Any], *, source: str) -> Step:
    width, height = _resolution(data.get("resolution"))
    prompts = []
    if as_text(data.get("prompt_expansion")):
        prompts.append(
            PromptText(role="expanded", text=data["prompt_expansion"], author="llm_expansion")
        )
    for text in _list(data.get("full_prompt")):
        if as_text(text):
            prompts.append(PromptText(role="expanded", text=str(text), author="style_template"))
    for text in _list(data.get("full_negative_prompt")):
        if as_text(text):
            prompts.append(PromptText(role="negative", text=str(text), author="style_template"))
    loras = [
        Lora(name=str(item[0]), weight=as_float(item[1]) if len(item) > 1 else None)
        for item in _list(data.get("loras"))
        if isinstance(item, list | tuple) and item
    ]
    known = {
        "prompt",
        "negative_prompt",
        "prompt_expansion",
        "full_prompt",
        "full_negative_prompt",
        "seed",
        "steps",
        "guidance_scale",
        "sampler",
        "scheduler",
        "resolution",
        "base_model",
        "base_model_hash",
        "loras",
        "version",
        "clip_skip",
    }
    return Step(
        action="generate",
        tool="Fooocus",
        tool_version=as_text(data.get("version")),
        model=as_text(data.get("base_model")),
        model_hash=as_text(data.get("base_model_hash")),
        prompt=as_text(data.get("prompt")),
        negative_prompt=as_text(data.get("negative_prompt")),
        prompt_author="human",
        prompts=tuple(prompts),
        params=Params(
            seed=as_seed(data.get("seed")),
            steps=as_int(data.get("steps")),
            cfg_scale=as_float(data.get("guidance_scale")),
            sampler=as_text(data.get("sampler")),
            scheduler=as_text(data.get("scheduler")),
            width=width,
            height=height,
            clip_skip=as_int(data.get("clip_skip")),
            loras=tuple(loras),
            extra={k: scalar(v) for k, v in data.items() if k not in known},
        ),
        source=source,
    )


def from_ruined(data: dict[str, Any], *, source: str) -> Step:
    loras = [
        Lora(name=str(item[1] if len(item) > 1 else item[0]))
        for item in _list(data.get("loras"))
        if isinstance(item, list | tuple) and item
    ]
    known = {
        "Prompt",
        "Negative",
        "steps",
        "cfg",
        "width",
        "height",
        "seed",
        "sampler_name",
        "scheduler",
        "base_model_name",
        "base_model_hash",
        "loras",
        "denoise",
        "clip_skip",
        "software",
    }
    denoise = as_float(data.get("denoise"))
    return Step(
        action="img2img" if denoise is not None and denoise < 1 else "generate",
        tool="RuinedFooocus",
        model=as_text(data.get("base_model_name")),
        model_hash=as_text(data.get("base_model_hash")),
        prompt=as_text(data.get("Prompt")),
        negative_prompt=as_text(data.get("Negative")),
        params=Params(
            seed=as_seed(data.get("seed")),
            steps=as_int(data.get("steps")),
            cfg_scale=as_float(data.get("cfg")),
            sampler=as_text(data.get("sampler_name")),
            scheduler=as_text(data.get("scheduler")),
            width=as_int(data.get("width")),
            height=as_int(data.get("height")),
            denoise=denoise,
            clip_skip=as_int(data.get("clip_skip")),
            loras=tuple(loras),
            extra={k: scalar(v) for k, v in data.items() if k not in known},
        ),
        source=source,
    )

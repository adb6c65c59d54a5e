"""JSON written by hosted services and launchers: TensorArt ``generation_data``, Stability Matrix
``parameters-json``, Hugging Face Spaces (Gradio apps) ``parameters``, and generic prompt JSON."""

import re
from typing import Any

from .schema import Params, Step
from .text import as_dict, as_float, as_int, as_seed, as_text, scalar

PROMPT_KEYS = ("prompt", "positive_prompt", "PositivePrompt", "Prompt", "positivePrompt")
NEGATIVE_KEYS = ("negative_prompt", "negativePrompt", "NegativePrompt", "Negative", "uc")


def first(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if data.get(key) not in (None, ""):
            return data[key]
    return None


def is_prompt_json(data: Any) -> bool:
    return (
        isinstance(data, dict)
        and first(data, PROMPT_KEYS) is not None
        and isinstance(first(data, PROMPT_KEYS), str)
    )


def _size(data: dict[str, Any]) -> tuple[int | None, int | None]:
    width = as_int(first(data, ("width", "Width")))
    height = as_int(first(data, ("height", "Height")))
    if width is None and isinstance(data.get("resolution"), str):
        match = re.match(r"\s*(\d+)\s*[x×,]\s*(\d+)", data["resolution"])
        if match:
            width, height = int(match.group(1)), int(match.group(2))
    return width, height


def to_step(data: dict[str, Any], *, tool: str, source: str) -> Step:
    base_model = as_dict(data.get("baseModel"))
    model = as_text(
        first(data, ("Model", "model", "ModelName", "model_name", "base_model"))
        or base_model.get("modelFileName")
    )
    model_hash = as_text(
        first(data, ("Model hash", "ModelHash", "model_hash", "base_model_hash"))
        or base_model.get("hash")
    )
    width, height = _size(data)
    used = (
        set(PROMPT_KEYS)
        | set(NEGATIVE_KEYS)
        | {
            "seed",
            "Seed",
            "steps",
            "Steps",
            "num_inference_steps",
            "cfgScale",
            "CfgScale",
            "guidance_scale",
            "cfg_scale",
            "sampler",
            "Sampler",
            "ksamplerName",
            "schedule",
            "width",
            "Width",
            "height",
            "Height",
            "resolution",
            "Model",
            "model",
            "ModelName",
            "model_name",
            "Model hash",
            "ModelHash",
            "model_hash",
            "baseModel",
            "clipSkip",
        }
    )
    return Step(
        action="generate",
        tool=tool,
        model=model,
        model_hash=model_hash,
        prompt=as_text(first(data, PROMPT_KEYS)),
        negative_prompt=as_text(first(data, NEGATIVE_KEYS)),
        params=Params(
            seed=as_seed(first(data, ("seed", "Seed"))),
            steps=as_int(first(data, ("steps", "Steps", "num_inference_steps"))),
            cfg_scale=as_float(
                first(data, ("cfgScale", "CfgScale", "guidance_scale", "cfg_scale"))
            ),
            sampler=as_text(first(data, ("sampler", "Sampler", "ksamplerName"))),
            scheduler=as_text(data.get("schedule")),
            width=width,
            height=height,
            clip_skip=as_int(data.get("clipSkip")),
            extra={k: scalar(v) for k, v in data.items() if k not in used and v not in (None, "")},
        ),
        source=source,
    )

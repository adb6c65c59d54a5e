"""SwarmUI: ``{"sui_image_params": ..., "sui_extra_data": ..., "sui_models": [...]}``.

Values are sometimes strings and no key is guaranteed (Swarm's own documentation).
``original_prompt`` is the prompt before wildcard expansion, i.e. what the person typed.
"""

from datetime import datetime
from typing import Any

from .schema import Lora, Params, PromptAuthor, PromptText, Step
from .text import as_dict, as_float, as_int, as_seed, as_text, scalar


def is_swarmui(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("sui_image_params"), dict)


def to_step(data: dict[str, Any], *, source: str) -> Step:
    params = data["sui_image_params"]
    extra_data = as_dict(data.get("sui_extra_data"))
    prompt = as_text(params.get("prompt"))
    original = as_text(extra_data.get("original_prompt"))
    prompts = []
    author: PromptAuthor | None = None
    if original and original != prompt:
        prompts.append(PromptText(role="original", text=original, author="human"))
        author = "wildcard"
    loras = [
        Lora(name=str(name), weight=as_float(weight))
        for name, weight in zip(
            params.get("loras") or [],
            (params.get("loraweights") or []) + [None] * 100,
            strict=False,
        )
    ]
    creativity = as_float(params.get("initimagecreativity"))
    at = None
    if as_text(extra_data.get("date")):
        try:
            at = datetime.fromisoformat(str(extra_data["date"]))
        except ValueError:
            at = None
    model_hash = None
    for model in data.get("sui_models") or []:
        if isinstance(model, dict) and model.get("param") == "model":
            model_hash = as_text(model.get("hash"))
    known = {
        "prompt",
        "negativeprompt",
        "model",
        "seed",
        "steps",
        "cfgscale",
        "width",
        "height",
        "sampler",
        "scheduler",
        "loras",
        "loraweights",
        "swarm_version",
        "initimagecreativity",
    }
    return Step(
        at=at,
        action="img2img" if creativity is not None and creativity > 0 else "generate",
        tool="SwarmUI",
        tool_version=as_text(params.get("swarm_version")),
        model=as_text(params.get("model")),
        model_hash=model_hash,
        prompt=prompt,
        negative_prompt=as_text(params.get("negativeprompt")),
        prompt_author=author,
        prompts=tuple(prompts),
        params=Params(
            seed=as_seed(params.get("seed")),
            steps=as_int(params.get("steps")),
            cfg_scale=as_float(params.get("cfgscale")),
            sampler=as_text(params.get("sampler")),
            scheduler=as_text(params.get("scheduler")),
            width=as_int(params.get("width")),
            height=as_int(params.get("height")),
            denoise=creativity,
            loras=tuple(loras),
            extra={k: scalar(v) for k, v in params.items() if k not in known},
        ),
        source=source,
    )

"""NovelAI: the ``Comment`` JSON (PNG chunk, WebP UserComment wrapper, or alpha-channel copy).

V4/V4.5 files carry per-character prompts (``v4_prompt.caption.char_captions``) that the
``Description`` does not: they are kept as prompts of role ``character`` with their positions.
"""

from typing import Any

from .schema import Action, Params, PromptRole, PromptText, Provenance, Step
from .text import as_float, as_int, as_seed, as_text, scalar

KNOWN = {
    "prompt",
    "uc",
    "steps",
    "height",
    "width",
    "scale",
    "seed",
    "sampler",
    "noise_schedule",
    "v4_prompt",
    "v4_negative_prompt",
    "signed_hash",
    "strength",
    "noise",
}


def is_novelai(comment: Any) -> bool:
    return (
        isinstance(comment, dict)
        and ("uc" in comment or "v4_prompt" in comment or "n_samples" in comment)
        and ("seed" in comment or "steps" in comment)
    )


def _characters(block: Any, role: PromptRole) -> list[PromptText]:
    caption = block.get("caption") if isinstance(block, dict) else None
    chars = caption.get("char_captions") if isinstance(caption, dict) else None
    found = []
    for index, char in enumerate(chars if isinstance(chars, list) else []):
        if not isinstance(char, dict) or not as_text(char.get("char_caption")):
            continue
        centers = char.get("centers") or []
        where = ", ".join(f"x={c.get('x')} y={c.get('y')}" for c in centers if isinstance(c, dict))
        found.append(
            PromptText(
                role=role,
                text=str(char["char_caption"]).strip(),
                label=f"character {index + 1}" + (f" at {where}" if where else ""),
            )
        )
    return found


def to_step(
    comment: dict[str, Any],
    *,
    description: str | None,
    software: str | None,
    source_model: str | None,
    source: str,
) -> tuple[Step, list[Provenance]]:
    v4 = comment.get("v4_prompt")
    base = None
    if isinstance(v4, dict) and isinstance(v4.get("caption"), dict):
        base = as_text(v4["caption"].get("base_caption"))
    prompt = as_text(comment.get("prompt")) or base or as_text(description)
    prompts = _characters(v4, "character") + _characters(
        comment.get("v4_negative_prompt"), "character_negative"
    )
    # Legacy files always write strength and noise, so they do not prove img2img (FORMATS.md).
    action: Action = "img2img" if comment.get("request_type") == "Img2ImgRequest" else "generate"
    if comment.get("request_type") == "NativeInfillingRequest":
        action = "inpaint"
    step = Step(
        action=action,
        tool="NovelAI",
        model=as_text(source_model) or as_text(software),
        prompt=prompt,
        negative_prompt=as_text(comment.get("uc")),
        prompts=tuple(prompts),
        params=Params(
            seed=as_seed(comment.get("seed")),
            steps=as_int(comment.get("steps")),
            cfg_scale=as_float(comment.get("scale")),
            sampler=as_text(comment.get("sampler")),
            scheduler=as_text(comment.get("noise_schedule")),
            width=as_int(comment.get("width")),
            height=as_int(comment.get("height")),
            extra={k: scalar(v) for k, v in comment.items() if k not in KNOWN and v is not None},
        ),
        source=source,
    )
    provenance = []
    if as_text(comment.get("signed_hash")):
        provenance.append(
            Provenance(
                standard="novelai_signature",
                claim_generator="NovelAI",
                signer="NovelAI",
                validation_state="not verified here",
                digital_source_type="trainedAlgorithmicMedia",
            )
        )
    return step, provenance

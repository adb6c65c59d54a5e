"""Writes the Invoke images deterministically (run once; the output is committed).

A Single Piece of American Cheese 2025: made in Invoke, whose images carry ``invokeai_metadata``
JSON in a PNG tEXt chunk. The Office saw the whole workflow screen-recorded (and the white
paper); these PNGs stand in for the tool's records of that workflow. Only facts from the sources:
the quoted positive prompt (its style LoRA tags are not quoted, so left out), the quoted negative
prompt, the SDXL model "CustomXL", three 1024x1024 base images from that one prompt (01-03), and
then inpainting "more than 35" times -> 36 passes (04-39), the least the sources support. Four
passes carry the elements the sources name (third eye, melting cheese, upper body, internal
organs) as their prompt; the other 32 passes' prompts, and every pass's model, denoising strength,
mask and seed, are not stated, so they are left out. The variant is one generation and no
inpainting: the base image alone.
"""

import json
from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

HERE = Path(__file__).parent
PROMPT = (
    "fractured glass, faces in the facets, surreal pattern of glazed brushstrokes, "
    "spaghetti noodle hair"
)
NEGATIVE = "blurry, out of focus, sketch. photo"
ELEMENTS = ["third eye", "melting cheese", "upper body", "internal organs"]
INPAINTS = 36


def base() -> dict[str, object]:
    return {
        "generation_mode": "sdxl_txt2img",
        "positive_prompt": PROMPT,
        "negative_prompt": NEGATIVE,
        "width": 1024,
        "height": 1024,
        "model": {"name": "CustomXL", "base": "sdxl"},
    }


def inpaint(index: int) -> dict[str, object]:
    meta: dict[str, object] = {"generation_mode": "sdxl_inpaint"}
    if index < len(ELEMENTS):
        meta["positive_prompt"] = ELEMENTS[index]
    return meta


def _png(path: Path, meta: dict[str, object], shade: int) -> None:
    info = PngInfo()
    info.add_text("invokeai_metadata", json.dumps(meta, ensure_ascii=False))
    Image.new("RGB", (64, 64), (shade % 256, 200, 120)).save(path, pnginfo=info)


def main() -> None:
    (HERE / "variant").mkdir(exist_ok=True)
    metas = [base() for _ in range(3)] + [inpaint(i) for i in range(INPAINTS)]
    for number, meta in enumerate(metas, start=1):
        _png(HERE / f"{number:02d}.png", meta, number * 6)
    _png(HERE / "variant" / "01.png", base(), 6)


if __name__ == "__main__":
    main()

"""Writes the retelling's log files deterministically (run once; the outputs are committed).

Li v. Liu (BIC 2023): the court had the Stable Diffusion generation process, set out step by step
in the judgment. Retold as A1111 PNGs with the generation parameters in a ``parameters`` tEXt
chunk, one per generation. Only the quoted prompt terms are used (akran.it quoting the record);
the quote ends in "...", so the rest of the prompt is not written. The first image uses the first
part of the quote, later rounds add the rest ("continued adding prompts and modifying
parameters"). The parameters the sources name (steps, image height, CFG, seed) are written; their
values are not stated and are placeholders. No sampler and no negative-prompt text are stated, so
none are written. The model is named after the "Chinese-style girl" model package the GRUR Int.
commentary reports (its real name is not confirmed).
"""

from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

HERE = Path(__file__).parent
QUOTED = [
    "ultra-photorealistic:1.3",
    "extremely high quality high detail RAW color photo",
    "in locations",
    "Japan idol",
    "highly detailed symmetrical attractive face",
    "angular symmetrical face",
    "perfect skin",
    "skin pores",
]
MODEL = "chinese_style_girl"


def infotext(terms: list[str], *, steps: int, cfg: float, seed: int, height: int) -> str:
    return (
        ", ".join(terms)
        + f"\nSteps: {steps}, CFG scale: {cfg:g}, Seed: {seed}, Size: 512x{height}, Model: {MODEL}"
    )


def png(path: Path, text: str) -> None:
    info = PngInfo()
    info.add_text("parameters", text)
    path.parent.mkdir(exist_ok=True)
    Image.new("RGB", (64, 64), (214, 190, 176)).save(path, "PNG", pnginfo=info)


def main() -> None:
    # The decided case: a first image, then two rounds (the least the court's "continued adding
    # prompts and modifying parameters" supports): prompts added, then prompts added and a
    # parameter (CFG) modified.
    png(HERE / "01.png", infotext(QUOTED[:4], steps=30, cfg=7, seed=1234, height=768))
    png(HERE / "02.png", infotext(QUOTED[:6], steps=30, cfg=7, seed=1234, height=768))
    png(HERE / "03.png", infotext(QUOTED, steps=30, cfg=8, seed=1234, height=768))
    # The variant: the same (final) prompt and settings re-rolled on new seeds, nothing revised.
    for n, seed in enumerate((1234, 1235, 1236), start=1):
        png(
            HERE / "variant" / f"{n:02d}.png",
            infotext(QUOTED, steps=30, cfg=8, seed=seed, height=768),
        )


if __name__ == "__main__":
    main()

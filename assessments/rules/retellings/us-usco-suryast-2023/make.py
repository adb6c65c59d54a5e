"""Writes the creation logs deterministically (run once; the output is committed).

SURYAST 2023: RAGHAV's own records are not reported; the Board had the applicant's account of the
three inputs (his sunset photograph as base image, van Gogh's The Starry Night as style image, one
numeric style-transfer strength value; no text prompt), so the log is the native
aigc-creation-log/1. The strength value is not stated in the sources: it is recorded as a
parameter with no value, and no denoising strength is given. The variant uses the same inputs with
the photograph at a low denoising strength (0.3, a value chosen for the variant, not a fact of the
case), so that it stays perceptible in the output.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
TOOL = "RAGHAV AI Painting App"
INPUTS = [
    {
        "role": "init",
        "origin": "own",
        "name": "sunset photograph taken by Ankit Sahni (base image)",
    },
    {
        "role": "reference",
        "origin": "third_party",
        "name": "The Starry Night, Vincent van Gogh (style image)",
    },
]


def log(denoise: float | None) -> dict[str, object]:
    params: dict[str, object] = {"extra": {"style_transfer_strength": None}}
    note = (
        "Style transfer: no text prompt; one numeric style-transfer strength value set by the "
        "applicant (the value is not stated in the sources); no post-generation modification."
    )
    if denoise is not None:
        params["denoise"] = denoise
        note = (
            "Style transfer with the applicant's photograph as init image at a low denoising "
            f"strength ({denoise}), so that the photograph stays perceptible; no text prompt."
        )
    step = {"action": "img2img", "tool": TOOL, "params": params, "inputs": INPUTS, "note": note}
    return {"format": "aigc-creation-log/1", "tool": TOOL, "steps": [step]}


def _write(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    (HERE / "variant").mkdir(exist_ok=True)
    _write(HERE / "log.json", log(None))
    _write(HERE / "variant" / "log.json", log(0.3))


if __name__ == "__main__":
    main()

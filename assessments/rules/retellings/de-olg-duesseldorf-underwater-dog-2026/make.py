"""Writes the retelling's files deterministically (run once; the outputs are committed).

OLG Düsseldorf, I-20 W 2/26 (2026): the respondent uploaded the applicant's photograph of a dog
snapping at a red toy under water to AI software, had it generate a new image from it
(image-to-image) and published the comic-like result. The prompts he used were not known (KPW);
he was unable or unwilling to disclose them (Sipoch). What is known is retold as a typed account
in the native ``aigc-creation-log/1`` format: one img2img step whose init image is the
applicant's photograph (a third party's, not his own). No prompt, tool, model or denoising
strength is stated, so none is written.

The variant keeps the same step and changes two facts together, the rework and its proof: what
the court said AI output needs to be a work, a human's creative influence on the design of the
specific output, and the proof it said the claimant owes. The respondent reworks the generated
image substantially by hand, recorded as an edit step made as the rework was done. What the
rework was is not a fact of the case and is described only generically.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
PHOTOGRAPH = "the applicant's underwater photograph of a dog snapping at a red toy"


def img2img() -> dict[str, object]:
    return {
        "action": "img2img",
        "inputs": [{"role": "init", "origin": "third_party", "name": PHOTOGRAPH}],
        "note": "A new image generated from the photograph; the prompts used are not known.",
    }


def log(steps: list[dict[str, object]]) -> dict[str, object]:
    return {"format": "aigc-creation-log/1", "steps": steps}


def write(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    write(HERE / "creation-log.json", log([img2img()]))
    edit = {
        "action": "edit",
        "note": "The respondent reworked the generated image substantially by hand (recorded).",
    }
    write(HERE / "variant" / "creation-log.json", log([img2img(), edit]))


if __name__ == "__main__":
    main()

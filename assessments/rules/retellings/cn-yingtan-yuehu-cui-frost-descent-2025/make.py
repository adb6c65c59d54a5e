"""Writes the retelling's files deterministically (run once; the outputs are committed).

Yingtan Yuehu (Cui, 2025): the court found that Cui entered the text instruction "霜降节气" into
the Jimeng (即梦) image-generation software, obtained four images and published them, and that Cui
neither modified them by hand nor adjusted any parameter (the source does not state Cui's
gender). Which records the court saw is not stated, so the process is retold as the claimant's
typed account in the native ``aigc-creation-log/1`` format: one generation from the quoted
instruction with four outputs. No parameter is written, because none was adjusted and the
defaults are not stated. Which of the four the defendant used is not stated, so no selection step
is written.

The variant keeps the same generation and adds what the court found missing: one of the four
images modified by hand after generation, recorded as an edit step. It adds no selection, which
the base lacks. What the edits were is not a fact of the case and is described only generically.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
TOOL = "即梦·图片生成 (Jimeng image generation)"
PROMPT = "霜降节气"


def generation() -> dict[str, object]:
    return {
        "action": "generate",
        "tool": TOOL,
        "prompt": PROMPT,
        "outputs": [{"name": f"image-{n}.png"} for n in range(1, 5)],
    }


def log(steps: list[dict[str, object]]) -> dict[str, object]:
    return {"format": "aigc-creation-log/1", "tool": TOOL, "steps": steps}


def write(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    write(HERE / "creation-log.json", log([generation()]))
    edit = {
        "action": "edit",
        "note": "The claimant modified one of the four images substantially by hand (recorded).",
    }
    write(HERE / "variant" / "creation-log.json", log([generation(), edit]))


if __name__ == "__main__":
    main()

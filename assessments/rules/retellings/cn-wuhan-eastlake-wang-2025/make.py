"""Writes the retelling's files deterministically (run once; the outputs are committed).

Wuhan East Lake (Wang, 2025): the sources do not say which records the court saw; they report the
plaintiff's account and the judge's description of it. Retold as the claimant's own typed
account in the native ``aigc-creation-log/1`` format (the app is not named, so no tool is
written). Facts: dozens of keywords "such as scroll, lighting effects, distant view", continually
adjusted, with parameters, style and lighting effects set and adjusted; the image selected from
dozens of outputs. Only the three quoted keywords are written, added one round at a time (the
least "continually adjusted" supports: a first prompt and 2 revisions); "dozens of outputs"
(几十次输出) is set to the least, 20 generations with one output each, spread over the three
prompts (the split is not stated). The parameters' names and values are not stated, so none are
written; the revision steps say so in their note. Which output was selected is not stated; the
last one is used.

The variant keeps only the final image: a PNG with no generation metadata.
"""

import json
from pathlib import Path

from PIL import Image

HERE = Path(__file__).parent
KEYWORDS = ["scroll", "lighting effects", "distant view"]
RUNS = [7, 7, 6]  # generations per prompt: 20 in all


def main() -> None:
    steps: list[dict[str, object]] = []
    n = 0
    for round_, runs in enumerate(RUNS):
        prompt = ", ".join(KEYWORDS[: round_ + 1])
        for run in range(runs):
            n += 1
            step: dict[str, object] = {
                "action": "generate",
                "prompt": prompt,
                "outputs": [{"name": f"out-{n:02d}.png"}],
            }
            if round_ and run == 0:
                step["note"] = (
                    "keywords adjusted after seeing the outputs; parameters, style and lighting "
                    "also adjusted (which, and to what values, is not stated)"
                )
            steps.append(step)
    steps.append({"action": "select", "selected": [f"out-{n:02d}.png"]})
    log = {"format": "aigc-creation-log/1", "steps": steps}
    (HERE / "creation-log.json").write_text(
        json.dumps(log, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (HERE / "variant").mkdir(exist_ok=True)
    Image.new("RGB", (64, 64), (120, 140, 170)).save(HERE / "variant" / "final.png", "PNG")


if __name__ == "__main__":
    main()

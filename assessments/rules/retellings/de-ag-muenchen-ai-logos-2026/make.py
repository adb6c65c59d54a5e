"""Writes the retelling's files deterministically (run once; the outputs are committed).

AG München, 142 C 9786/25 (2026): the court examined the prompts the claimant had given a
generative AI tool, anonymised in the judgment as "C", for three logos. Retold for the envelope
logo, the one whose prompt the sources describe most fully: a prompt of some 1,700 characters
whose descriptions were too general, such as "modern, minimal, distinctly original" (the KPW law
firm's English rendering; the language of the prompt is not known). What the prompt said is not
stated in the sources, so the prompt written here is a construction describing the output: the
logo's motif as the court describes the logo (an envelope in front of a building with columns)
and that rendered phrase. It is not the claimant's prompt, and the rest of its 1,700 characters
is not invented. One generation: the sources say some prompting was
iterative without saying for which logo, so no revision is written for this one. The tool's
settings are not stated, so none are written.

The variant keeps the same prompt and adds what the court said could make AI output a work:
human intervention in the result, also afterwards. It is recorded as an edit step; what the edits
were is not a fact of the case and is described only generically.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
TOOL = "C (generative AI tool, anonymised in the judgment)"
PROMPT = (
    "Logo: an envelope shown in front of a building with columns. "
    "Modern, minimal, distinctly original."
)


def log(steps: list[dict[str, object]]) -> dict[str, object]:
    return {"format": "aigc-creation-log/1", "tool": TOOL, "steps": steps}


def write(path: Path, data: dict[str, object]) -> None:
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    generation = {"action": "generate", "tool": TOOL, "prompt": PROMPT}
    write(HERE / "prompts.json", log([generation]))
    edit = {
        "action": "edit",
        "note": "The claimant reworked the generated logo substantially by hand (recorded).",
    }
    write(HERE / "variant" / "prompts.json", log([generation, edit]))


if __name__ == "__main__":
    main()

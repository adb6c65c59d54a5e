"""Writes the variant's creation log deterministically (run once; the output is committed).

Prague 2023: the claimant produced no records at all, only his own statement, so the decided
case has no files (intake only). The variant keeps records of the one DALL-E prompt (quoted by the
sources) and of substantial hand editing of the output; the edits' content is not a fact of the
case and is described only generically.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
PROMPT = (
    "Create a visual representation of two parties signing a business contract in a formal "
    "setting, such as a conference room or a law firm office in Prague. Show only hands."
)

VARIANT_LOG = {
    "format": "aigc-creation-log/1",
    "tool": "DALL-E",
    "steps": [
        {"action": "generate", "prompt": PROMPT},
        {
            "action": "edit",
            "note": "The claimant substantially edited the generated image by hand (recorded).",
        },
    ],
}


def main() -> None:
    (HERE / "variant").mkdir(exist_ok=True)
    (HERE / "variant" / "log.json").write_text(
        json.dumps(VARIANT_LOG, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

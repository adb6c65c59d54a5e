"""Writes the creation logs deterministically (run once; the output is committed).

Zarya of the Dawn 2023: the Office had Kashtanova's own account of the process (no Midjourney
records are reported), so the log is the native aigc-creation-log/1. The sources describe the loop
(prompt -> Midjourney returns four images -> pick one -> revise the prompt -> repeat) but quote no
prompt, so the generate steps carry no prompt text; the counts are the least the sources support:
two images ("images", plural), two rounds each ("repeat"), one minor hand edit ("some images").
The variant is the same images alone: no text and no arrangement step.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent
NO_PROMPT = "Prompt entered in Midjourney; its text is not quoted in the sources."
REVISED = "Prompt revised after seeing the four images; its text is not quoted in the sources."


def _image(number: int) -> list[dict[str, object]]:
    steps: list[dict[str, object]] = []
    for round_ in (1, 2):
        steps.append(
            {
                "action": "generate",
                "tool": "Midjourney",
                "outputs": [{"name": f"image{number}-round{round_}-{k}"} for k in (1, 2, 3, 4)],
                "note": NO_PROMPT if round_ == 1 else REVISED,
            }
        )
        steps.append(
            {
                "action": "select",
                "selected": [f"image{number}-round{round_}-1"],
                "note": "One of the four images picked"
                + (" and the prompt revised" if round_ == 1 else " for the comic"),
            }
        )
    return steps


EDIT = {
    "action": "edit",
    "note": "Minor manual edit to one of the generated images (sources: 'some images' lightly "
    "edited; the Office found the edits too minor to be protectable).",
}
ARRANGE = {
    "action": "arrange",
    "note": "Text written entirely by Kashtanova, and the selected images, laid out across the "
    "18 pages of the comic (cover and 17 pages).",
}


def log(*, arranged: bool) -> dict[str, object]:
    steps = _image(1) + _image(2) + [EDIT] + ([ARRANGE] if arranged else [])
    return {"format": "aigc-creation-log/1", "tool": "Midjourney", "steps": steps}


def _write(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    (HERE / "variant").mkdir(exist_ok=True)
    _write(HERE / "log.json", log(arranged=True))
    _write(HERE / "variant" / "log.json", log(arranged=False))


if __name__ == "__main__":
    main()

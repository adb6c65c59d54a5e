"""Writes the retelling's log files deterministically (run once; the outputs are committed).

Huangpu 2025: the court had the plaintiff's Midjourney prompts (account "BYShanC", 2022). The
sources describe, not quote, them: art style (Art Nouveau, Alphonse Mucha), main element (one
of jellyfish, butterflies, gem trees, mushrooms, koi), material/detail (hand-drawn on papyrus),
context/composition (a plate of a biological encyclopaedia), listed without grammar.
"""

from pathlib import Path

HERE = Path(__file__).parent
SUBJECTS = ["jellyfish", "butterflies", "gem trees", "mushrooms", "koi"]


def prompt(subject: str) -> str:
    return (
        f"Art Nouveau, Alphonse Mucha style, {subject}, hand-drawn on papyrus, "
        "biological encyclopedia plate"
    )


def main() -> None:
    # The decided case: one /imagine line per prompt set whose subject the sources name.
    # No parameters are stated in the sources, so none are written.
    lines = [f"/imagine prompt: {prompt(s)}" for s in SUBJECTS]
    (HERE / "midjourney.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # The variant: the jellyfish plate claimed as an image, reached by adding the described
    # elements one round at a time after seeing each output, ending with the case's prompt.
    rounds = [
        "jellyfish, Art Nouveau",
        "jellyfish, Art Nouveau, Alphonse Mucha style",
        "jellyfish, Art Nouveau, Alphonse Mucha style, hand-drawn on papyrus",
        prompt("jellyfish"),
    ]
    (HERE / "variant").mkdir(exist_ok=True)
    (HERE / "variant" / "midjourney.txt").write_text(
        "\n".join(f"/imagine prompt: {r}" for r in rounds) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

"""Writes the variant's log file deterministically (run once; the output is committed).

Zhangjiagang butterfly chair (2025): the plaintiff produced no original records of the process
(no screenshots, no creation flowcharts), so the decided case has no files, only the intake.

The variant keeps the original records, and they show revisions: a Midjourney prompt log. Only
the published prompt is quoted ("Children's chair with jelly texture, shape of cute pink
butterfly, glass texture, light background"), so the revisions add its quoted parts one round at
a time after seeing each output (adding prompts is the court's own example of an adjustment the
records must show), ending with the published prompt. Then the facts she stated: several rounds
of random generation of that prompt (the least, 2), and the draft with the Xingtu butterfly
stickers re-submitted for optimisation as an image prompt (its address is a placeholder).
No Midjourney parameters are stated, so none are written.
"""

from pathlib import Path

HERE = Path(__file__).parent
PARTS = [
    "Children's chair with jelly texture",
    "shape of cute pink butterfly",
    "glass texture",
    "light background",
]
PUBLISHED = ", ".join(PARTS)
DRAFT = "https://s.mj.run/draft-with-xingtu-butterfly-stickers"


def main() -> None:
    rounds = [", ".join(PARTS[: n + 1]) for n in range(len(PARTS))]
    rounds.append(PUBLISHED)  # a second round of random generation of the same prompt
    rounds.append(f"{DRAFT} {PUBLISHED}")  # the sticker-edited draft re-submitted
    (HERE / "variant").mkdir(exist_ok=True)
    (HERE / "variant" / "midjourney.txt").write_text(
        "\n".join(f"/imagine prompt: {r}" for r in rounds) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

"""Writes the retelling's log file deterministically (run once; the output is committed).

Changshu "Companion Heart" (2024): at trial the court reviewed the plaintiff's Midjourney login,
user information and the iterative process of the image, including his modifications of the
prompts. Retold as a pasted Midjourney prompt log. The sources describe, not quote, the prompts:
customised prompts adjusting the balloon's size, number and shape. Each line therefore names only
a balloon with a number, a size and a shape. The final line's number (one) and shape (half a
heart) follow the image as the library describes it; the size words and the first lines' values
are placeholders. No Midjourney parameters are stated, so none are written (the image was
published on 14 Feb. 2023).

The variant (no records of the process kept) has no files: only its intake.
"""

from pathlib import Path

HERE = Path(__file__).parent
# A first prompt and two modifications (the least "modifications of the prompts" supports).
PROMPTS = [
    "two small heart-shaped balloons",
    "one large heart-shaped balloon",
    "one large half-heart-shaped balloon",
]


def main() -> None:
    lines = [f"/imagine prompt: {p}" for p in PROMPTS]
    (HERE / "midjourney.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

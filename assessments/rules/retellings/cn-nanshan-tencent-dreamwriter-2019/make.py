"""Writes the retelling's creation log deterministically (run once; the output is committed).

Tencent v. Yingxun (Dreamwriter) 2019: the court examined the generation process of Tencent's
in-house Dreamwriter system. Dreamwriter writes no standard metadata, so the process is the
claimant's account in the native format: the teams' pre-set arrangements (no per-article
prompt), then the generation of the 20 August 2018 midday stock-market review.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent

LOG = {
    "format": "aigc-creation-log/1",
    "tool": "Dreamwriter (Tencent)",
    "steps": [
        {"action": "arrange", "note": "A Tencent team set the data input and data format."},
        {"action": "arrange", "note": "A Tencent team set the trigger conditions."},
        {
            "action": "arrange",
            "note": "A Tencent team chose the article templates and the corpus settings.",
        },
        {"action": "arrange", "note": "A Tencent team trained the proofreading algorithm."},
        {
            "action": "generate",
            "note": (
                "On 20 August 2018 Dreamwriter generated the midday stock-market review from the "
                "pre-set data, trigger conditions, templates and corpus; there was no per-article "
                "prompt. Time of day not stated."
            ),
        },
    ],
}


def main() -> None:
    (HERE / "log.json").write_text(
        json.dumps(LOG, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

"""Writes the retelling's creation log deterministically (run once; the output is committed).

Feilin v. Baidu 2019: no generative-AI metadata exists; the court had the published article and
compared it with reference reports regenerated from the Wolters Kluwer database. The log is the
claimant's own account in the native format, with only the steps the sources describe.
"""

import json
from pathlib import Path

HERE = Path(__file__).parent

LOG = {
    "format": "aigc-creation-log/1",
    "tool": "Wolters Kluwer China Law & Reference (Visualization function)",
    "steps": [
        {
            "action": "generate",
            "prompt": "film and entertainment industry, Beijing",
            "note": (
                "Staff searched the database with keywords and criteria they selected (court, dates, "
                "cause of action) and used the Visualization function to generate charts. The exact "
                "keywords and criteria values are not stated in the sources; the prompt field holds "
                "only the report's subject."
            ),
        },
        {
            "action": "edit",
            "note": (
                "Staff modified the generated charts: the graphic data and chart types differ from "
                "the software's reference report."
            ),
        },
        {
            "action": "edit",
            "note": "Staff wrote the analysis text of the report themselves.",
        },
        {
            "action": "arrange",
            "note": "Staff selected and organised the data and the analysis into the published report.",
        },
    ],
}


def main() -> None:
    (HERE / "log.json").write_text(
        json.dumps(LOG, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()

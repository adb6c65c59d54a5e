"""What counts as a material change to a decision: the reports that cite it are then marked
"the law changed since this report".

The rule errs towards marking: a change to the outcome, the status of proceedings or the factors
is material, and so is any change to the words of a holding; only a change of spacing, case or
punctuation is a typo fix. (A single inserted "not" reverses a holding; no measure of how many
letters changed can tell it from a typo, so none is used.)
"""

import unicodedata
from typing import Any

MATERIAL_FIELDS = ("outcome", "proceeding_status", "holding_en", "holding_zh")


def _words(text: str) -> str:
    normal = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in normal if ch.isalnum())


def changed_in_substance(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The material fields that changed in substance between two versions of a decision."""
    changed = []
    for field in MATERIAL_FIELDS:
        before, after = old.get(field), new.get(field)
        if field.startswith("holding_"):
            if _words(str(before or "")) != _words(str(after or "")):
                changed.append(field)
        elif before != after:
            changed.append(field)
    return changed

"""What changed between two results of one assessment (pure): the version of the rules, verdicts,
scores, confidence and the decisions cited, per jurisdiction; for a rerun against the last issued version, or the last
draft where none was issued."""

from typing import Any

from assessments.rules.result import Result


def result_diff(before: Result, after: Result) -> dict[str, Any]:
    jurisdictions = []
    for code in sorted(set(before.jurisdictions) | set(after.jurisdictions)):
        old, new = before.jurisdictions.get(code), after.jurisdictions.get(code)
        entry: dict[str, Any] = {"jurisdiction": code}
        if old is None or new is None:
            entry["assessed"] = {"before": old is not None, "after": new is not None}
        else:
            was_rules, now_rules = before.rulesets.get(code), after.rulesets.get(code)
            if was_rules != now_rules:
                entry["ruleset"] = {"before": was_rules, "after": now_rules}
            for name in ("verdict", "score", "confidence"):
                was, now = getattr(old, name), getattr(new, name)
                if was != now:
                    entry[name] = {"before": was, "after": now}
            cited_old = {c for f in old.findings for c in f.citations}
            cited_new = {c for f in new.findings for c in f.citations}
            if cited_new - cited_old:
                entry["authorities_added"] = sorted(cited_new - cited_old)
            if cited_old - cited_new:
                entry["authorities_removed"] = sorted(cited_old - cited_new)
        if len(entry) > 1:
            jurisdictions.append(entry)
    risk = None
    if before.infringement.level != after.infringement.level:
        risk = {"before": before.infringement.level, "after": after.infringement.level}
    return {
        "jurisdictions": jurisdictions,
        "infringement": risk,
        "changed": bool(jurisdictions or risk),
    }

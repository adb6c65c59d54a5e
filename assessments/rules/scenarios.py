"""A decided case's human-input facts (the library's scenario) turned into evidence, so the rules
can be checked against what the court or office actually decided.

The scenario says in words what the logs would say in data. The mapping is stated here once:
specificity high / medium / low / none as 0.9 / 0.5 / 0.2 / 0.0 (unknown or n/a: unknown);
"iterative", "kept adding", "repeated" in the iterations note as 0.7, a count of three or more
rounds as 1.0; post-editing described as light, minor or cosmetic as 0.3, otherwise 1.0;
"arrangement", "coordination" or "organisation" in the selection note as arrangement (F9).
Every case before a court is a dispute; a registration before an office is not.
"""

import re
from typing import Any

from .evidence import Evidence, EvidenceQuality, Fact, Measure

SPECIFICITY = {"high": 0.9, "medium": 0.5, "low": 0.2, "none": 0.0}
OFFICE_HINTS = ("Copyright Office", "USCO", "Office")


def _fact(text: str | None) -> list[Fact]:
    return [Fact(source="scenario", quote=text[:300])] if text else []


def _known(note: Any) -> bool:
    # The curated notes say "not confirmed" where the research notes said UNVERIFIED.
    return isinstance(note, str) and not re.search(
        r"^(n/a|UNVERIFIED|not confirmed|unknown)", note.strip(), re.I
    )


def scenario_evidence(scenario: dict[str, Any], *, tribunal: str = "") -> Evidence:
    h = scenario.get("human_input") or {}
    evidence = Evidence()
    spec = h.get("prompt_specificity")
    if spec in SPECIFICITY:
        evidence.specificity = Measure(
            value=SPECIFICITY[spec],
            facts=_fact(h.get("prompt_example") or h.get("num_prompts_note")),
        )
    if h.get("parameter_changes") is not None or h.get("negative_prompts") is not None:
        value = 1.0 if (h.get("parameter_changes") or h.get("negative_prompts")) else 0.0
        evidence.parameters = Measure(value=value, facts=_fact(h.get("parameters_note")))
    iterations, note = h.get("iterations"), h.get("iterations_note")
    if isinstance(iterations, int):
        evidence.refinement = Measure(value=min(1.0, max(0, iterations - 1) / 2), facts=_fact(note))
    elif (
        isinstance(note, str)
        and _known(note)
        and re.search(r"iterat|kept adding|repeat|adjust|round|revis", note, re.I)
    ):
        evidence.refinement = Measure(value=0.7, facts=_fact(note))
    selection_note = h.get("selection_note") or ""
    if h.get("selection_arrangement") is not None:
        chosen = bool(h["selection_arrangement"])
        evidence.selection = Measure(
            value=1.0 if chosen and re.search(r"select|chose|pick", selection_note, re.I) else 0.0,
            facts=_fact(selection_note),
        )
        arranged = chosen and bool(
            re.search(r"arrang|coordinat|organis|organiz", selection_note, re.I)
        )
        evidence.arrangement = Measure(value=1.0 if arranged else 0.0, facts=_fact(selection_note))
    if h.get("post_editing") is not None:
        edit_note = h.get("post_editing_note") or ""
        if not h["post_editing"]:
            value = 0.0
        elif re.search(r"light|minor|cosmetic|sticker", edit_note, re.I):
            value = 0.3
        else:
            value = 1.0
        evidence.post_editing = Measure(value=value, facts=_fact(edit_note))
        if re.search(r"region|inpaint|mask", edit_note, re.I):
            evidence.localised = Measure(value=1.0, facts=_fact(edit_note))
    own = h.get("human_source_material")
    if isinstance(own, str) and own:
        # An own photograph merged by the AI is not shown to remain perceptible (SURYAST); text
        # written by the person stands as it is.
        perceptible = not re.search(r"photo|style", own, re.I)
        evidence.own_input = Measure(value=1.0 if perceptible else 0.3, facts=_fact(own))
    retained = h.get("process_evidence_retained")
    quality = EvidenceQuality(
        process_records=retained,
        contemporaneous=retained,
        reproducible=h.get("reproducible_on_demand"),
    )
    quality.re_creation = bool(
        re.search(r"after-the-fact|post-hoc|re-creation", h.get("reproducibility_note") or "", re.I)
    )
    if retained is not None:
        evidence.evidence_quality = Measure(
            value=0.8 if retained else 0.0,
            facts=_fact(h.get("process_note") or h.get("reproducibility_note")),
        )
    evidence.quality = quality
    notes = (
        " ".join(str(v) for v in h.values() if isinstance(v, str))
        + " "
        + str(scenario.get("claimed_subject", ""))
    )
    if re.search(
        r"autonomous|disclaimed any traditional human authorship|authored by the", notes, re.I
    ):
        evidence.author_kind = "ai"
    work_type = str(scenario.get("work_type", ""))
    if "prompts" in work_type.lower():
        evidence.claimed_subject = "prompts"
    evidence.dispute = not any(hint in tribunal for hint in OFFICE_HINTS)
    return evidence

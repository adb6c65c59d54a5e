"""China. Baseline Li v. Liu (BIC, Nov 2023): detailed prompts, parameters, refinement and
selection together can make an AI image a work; the 2025 decisions add that without original
process records the claim fails."""

from ..evidence import Evidence
from ..result import Filing, Statement, Verdict
from ..ruleset import Rule, Ruleset
from .base import (
    Decision,
    author_gate,
    confidence,
    described,
    elements_text,
    evidence_gate,
    factor_findings,
    gated_score,
    group,
    heuristic_denoise,
    ownership,
    ownership_rule,
    points,
    record_recommendation,
    rule_finding,
    score,
    shown,
    statement,
)


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    core, human = group(ruleset, "core"), group(ruleset, "human")
    findings = factor_findings(ruleset, evidence)
    owner = ownership(evidence, ownership_rule(ruleset, evidence), ruleset=ruleset)
    earned, known = points(ruleset, evidence, core)
    extra, _ = points(ruleset, evidence, human)
    unknown_core = sum(1 for c in core if evidence.factor(c).value is None)
    recommendations = record_recommendation(ruleset, evidence)
    if not shown(ruleset, evidence, "F12"):
        recommendations.append(_from_factor(ruleset, "F12"))
    if evidence.tool_terms.value is None:
        recommendations.append(statement(rules["tool_terms_check"]))
    removed = "; ".join(f.quote for f in evidence.label_removals[:3])
    if removed:
        recommendations.append(statement(rules["label_removal"], evidence=removed))
    risks = (
        [rule_finding(rules["label_removal"], "F12", "risk", [removed], evidence=removed)]
        if removed
        else []
    )
    decision = Decision(
        verdict="uncertain",
        # Strength of the case: the share of the known core shown, raised by the strengtheners.
        score=score(ruleset, earned + extra, known),
        confidence=confidence(evidence, unknown_core=unknown_core),
        findings=findings + risks,
        ownership=owner,
        recommendations=recommendations,
        heuristics=[heuristic_denoise(ruleset)],
    )

    if gate := author_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        return _gated(decision, ruleset, "not_protectable")
    if gate := evidence_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        # The claim fails when the dispute turns on the process; otherwise it is open.
        verdict: Verdict = "not_protectable" if evidence.dispute is True else "uncertain"
        return _gated(decision, ruleset, verdict)
    if evidence.claimed_subject == "prompts":
        decision.findings.insert(
            0,
            rule_finding(
                rules["prompts_claimed"],
                "F2",
                "gate",
                [f.quote for f in evidence.specificity.facts[:1]],
            ),
        )
        return _gated(decision, ruleset, "not_protectable")

    ratio = earned / known if known else 0.0
    strengthened = any(shown(ruleset, evidence, c) for c in human)
    weak_prompt = (
        evidence.specificity.value is not None
        and evidence.specificity.value <= ruleset.number("weak_prompt")
    )
    nothing_else = not any(shown(ruleset, evidence, c) for c in ("F4", *human))
    # Feilin and Dreamwriter decided text works; other kinds (comics, video, music) are not
    # covered by them and go the image route until a decision says otherwise.
    human_expression = any(shown(ruleset, evidence, c) for c in ("F8", "F9"))
    if evidence.work_kind == "text" and human_expression:
        decision.verdict = "protectable"
        decision.findings.insert(0, rule_finding(rules["human_expression"], "F14", "supports", []))
        decision.protectable = described(ruleset, "protectable_text")
        return decision
    route = ""
    if known >= ruleset.number("core_known_minimum") and ratio >= ruleset.number("core_threshold"):
        route = "core_threshold"
    elif strengthened and ratio >= ruleset.number("strengthened_share"):
        route = "core_threshold"
    elif shown(ruleset, evidence, "F4") and shown(ruleset, evidence, "F8"):
        # Changshu 2024: prompts revised round by round and details modified by hand.
        route = "refined_and_edited"
    elif weak_prompt and nothing_else:
        decision.verdict = "not_protectable"
        decision.findings.insert(
            0,
            rule_finding(
                rules["weak_prompt"],
                "F2",
                "against",
                [f.quote for f in evidence.specificity.facts[:1]],
            ),
        )
    if route:
        decision.verdict = "protectable"
        factors = "F2-F5" if route == "core_threshold" else "F4+F8"
        decision.findings.insert(0, rule_finding(rules[route], factors, "supports", []))
        decision.protectable = described(ruleset, "protectable_image")
        decision.filing = _creation_statement(evidence, ruleset)
    elif decision.verdict == "uncertain" and shown(ruleset, evidence, "F8"):
        # The person's own modifications are theirs, whatever the prompts were worth (Changshu).
        decision.findings.insert(0, rule_finding(rules["own_modifications"], "F8", "supports", []))
        decision.verdict = "partially_protectable"
        decision.protectable = described(ruleset, "protectable_modifications")
        decision.excluded = described(ruleset, "excluded_generated")
    if evidence.work_kind == "comic" and shown(ruleset, evidence, "F9"):
        # A comic or a book of images: its selection and arrangement is a compilation work
        # (art. 15), whether or not each image is protected.
        decision.findings.insert(0, rule_finding(rules["compilation"], "F9", "supports", []))
        decision.protectable += described(ruleset, "protectable_compilation")
        if decision.verdict != "protectable":
            decision.verdict = "partially_protectable"
    if evidence.work_kind in ("video", "music", "other") and decision.verdict == "protectable":
        # No decision has decided these kinds: the image route is an analogy, not an answer.
        kind = ruleset.texts[f"kind_{evidence.work_kind}"]
        finding = rule_finding(rules["kind_not_decided"], "F14", "against", [], kind=kind.en)
        finding.rationale_zh = rules["kind_not_decided"].text.zh.format(kind=kind.zh)
        decision.findings.insert(0, finding)
        decision.confidence, decision.filing = "low", None
        if shown(ruleset, evidence, "F8"):
            # What the person modified by hand is theirs whatever the kind (Changshu); the
            # generated part is excluded as far as the author's choices are not shown in it.
            decision.findings.insert(
                0, rule_finding(rules["own_modifications"], "F8", "supports", [])
            )
            decision.verdict = "partially_protectable"
            decision.protectable = described(ruleset, "protectable_modifications")
            decision.excluded = described(ruleset, "excluded_generated")
        else:
            decision.verdict, decision.protectable = "uncertain", []
    return decision


def _gated(decision: Decision, ruleset: Ruleset, verdict: Verdict) -> Decision:
    decision.verdict = verdict
    decision.score = gated_score(ruleset, decision.score)
    decision.confidence = "medium" if verdict == "not_protectable" else "low"
    return decision


def _from_factor(ruleset: Ruleset, code: str) -> Statement:
    rule = ruleset.factors[code]
    return Statement(
        text=rule.against.en, text_zh=rule.against.zh, citations=list(rule.against.citations)
    )


def _creation_statement(evidence: Evidence, ruleset: Ruleset) -> Filing:
    """创作说明: a creation statement for a Chinese registration or a court file, stating only
    what the evidence shows (the ruleset's sentences)."""
    rules = ruleset.rules
    values = {
        "elements": "",
        "rounds": str(evidence.refinement.count or 0),
        "steps": str(evidence.quality.steps),
    }
    parts: list[Rule] = []
    if evidence.elements:
        parts.append(rules["statement_elements"])
    # The statement states what the records show: a factor shown only by a claim is left out.
    parts += [
        rules[f"statement_{code}"]
        for code in ("F3", "F4", "F5", "F8")
        if shown(ruleset, evidence, code) and not evidence.factor(code).claimed
    ]
    en = "; ".join(
        p.text.en.format(**values | {"elements": elements_text(evidence)}) for p in parts
    )
    zh = "；".join(
        p.text.zh.format(**values | {"elements": elements_text(evidence, "zh")}) for p in parts
    )
    template = rules["creation_statement"]
    return Filing(
        creation_statement_zh=template.text.zh.format(
            author=evidence.author_name or "作者", parts=zh, steps=values["steps"]
        ),
        creation_statement_en=template.text.en.format(
            author=evidence.author_name or "The author", parts=en, steps=values["steps"]
        ),
        citations=list(template.citations),
    )

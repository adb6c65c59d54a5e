"""What every jurisdiction's logic shares: findings from the ruleset's data, points, confidence."""

from dataclasses import dataclass, field

from ..evidence import PERCEPTIBLE_DENOISE_MAX, Evidence, Measure
from ..result import Filing, Finding, Ownership, Statement, Verdict
from ..ruleset import Rule, Ruleset


def heuristic_denoise(ruleset: Ruleset) -> str:
    """The denoising heuristic as the report states it (the ruleset's text and value)."""
    rule = ruleset.rules["heuristic_denoise"]
    if rule.value != PERCEPTIBLE_DENOISE_MAX:
        raise ValueError(
            f"Ruleset {ruleset.id}: heuristic_denoise says {rule.value}, the evidence measures "
            f"{PERCEPTIBLE_DENOISE_MAX}"
        )
    return rule.text.en.format(value=f"{rule.value:g}")


FACTOR_NAMES = {
    "F1": ("Conception", "构思"),
    "F2": ("Prompt specificity", "提示词的具体程度"),
    "F3": ("Parameter control", "参数控制"),
    "F4": ("Iterative refinement", "迭代修正"),
    "F5": ("Selection among candidates", "从候选结果中选择"),
    "F6": ("Localised control", "局部控制"),
    "F7": ("Own input perceptible in the output", "输出中可感知的自有输入"),
    "F8": ("Post-generation modification", "生成后的人工修改"),
    "F9": ("Selection and arrangement", "选择与编排"),
    "F10": ("Evidence quality", "证据质量"),
    "F11": ("Tool terms", "工具服务条款"),
    "F12": ("Disclosure and labelling", "披露与标识"),
}


# The factors that are the human's own hand beyond prompting: localised control, own input,
# post-generation modification, selection and arrangement.
HUMAN_CONTRIBUTIONS = ("F6", "F7", "F8", "F9")


@dataclass
class Decision:
    verdict: Verdict
    score: int
    confidence: str
    findings: list[Finding]
    ownership: Ownership
    protectable: list[tuple[str, str]] = field(default_factory=list)
    excluded: list[tuple[str, str]] = field(default_factory=list)
    recommendations: list[Statement] = field(default_factory=list)
    filing: Filing | None = None
    heuristics: list[str] = field(default_factory=list)


def quote(measure: Measure, limit: int = 160) -> str:
    if not measure.facts:
        return ""
    text = measure.facts[0].quote
    return text if len(text) <= limit else text[: limit - 1] + "…"


def elements_text(evidence: Evidence) -> str:
    return ", ".join(sorted(evidence.elements)) or "—"


def factor_finding(ruleset: Ruleset, code: str, evidence: Evidence) -> Finding | None:
    rule = ruleset.factors.get(code)
    measure = evidence.factor(code)
    if rule is None or measure.value is None:
        return None
    shown = measure.value >= rule.threshold
    template = rule.supports if shown else rule.against
    values = {"evidence": quote(measure), "elements": elements_text(evidence)}
    rationale, rationale_zh = template.en.format(**values), template.zh.format(**values)
    if not shown and measure.value > 0 and measure.facts:
        name_en, name_zh = FACTOR_NAMES[code]
        rationale = f"{name_en}: recorded, but below what counts ({values['evidence']})."
        rationale_zh = f"{name_zh}：有记录，但未达到认定程度（{values['evidence']}）。"
    # A factor the jurisdiction records but gives no weight (prompts in the US, the records that
    # pass a gate) neither helps nor hurts when shown: its finding is neutral.
    effect = ("supports" if rule.weight > 0 else "neutral") if shown else "against"
    return Finding(
        factor=code,
        effect=effect,
        points=round(rule.weight * measure.value, 1) if shown else 0.0,
        evidence=[f.quote for f in measure.facts[:3]],
        rationale=rationale,
        rationale_zh=rationale_zh,
        citations=list(template.citations),
    )


def factor_findings(ruleset: Ruleset, evidence: Evidence) -> list[Finding]:
    """A finding for every factor of the ruleset the evidence measured."""
    return [f for code in ruleset.factors if (f := factor_finding(ruleset, code, evidence))]


def author_gate(ruleset: Ruleset, evidence: Evidence) -> Finding | None:
    """The gate finding when the claimed author is the AI itself (Thaler; Feilin; Prague)."""
    if evidence.author_kind != "ai":
        return None
    quote = f"claimed author: {evidence.author_name} (AI)"
    return rule_finding(ruleset.rules["author_gate"], "F14", "gate", [quote])


def evidence_gate(ruleset: Ruleset, evidence: Evidence) -> Finding | None:
    """The gate finding when the claimed process is not proven by records (China, EU)."""
    if not evidence_gate_fails(evidence):
        return None
    quotes = [f.quote for f in evidence.evidence_quality.facts[:2]]
    return rule_finding(ruleset.rules["evidence_gate"], "F10", "gate", quotes)


def rule_finding(
    rule: Rule, factor: str, effect: str, evidence: list[str], **values: str
) -> Finding:
    return Finding(
        factor=factor,
        effect=effect,
        points=0.0,
        evidence=evidence,
        rationale=rule.text.en.format(**values),
        rationale_zh=rule.text.zh.format(**values),
        citations=list(rule.citations),
    )


def statement(rule: Rule, **values: str) -> Statement:
    return Statement(
        text=rule.text.en.format(**values),
        text_zh=rule.text.zh.format(**values),
        citations=list(rule.citations),
    )


def points(ruleset: Ruleset, evidence: Evidence, codes: tuple[str, ...]) -> tuple[float, float]:
    """(points earned, weight known) over ``codes``: unknown factors neither help nor hurt."""
    earned = known = 0.0
    for code in codes:
        rule = ruleset.factors.get(code)
        measure = evidence.factor(code)
        if rule is None or measure.value is None:
            continue
        earned += rule.weight * measure.value
        known += rule.weight
    return earned, known


def shown(ruleset: Ruleset, evidence: Evidence, code: str) -> bool:
    rule = ruleset.factors.get(code)
    measure = evidence.factor(code)
    threshold = rule.threshold if rule else 0.5
    return measure.at_least(threshold)


def author_labels(evidence: Evidence) -> tuple[str, str]:
    """The author's name, or a description of who the author is when the intake gives none."""
    if evidence.author_name:
        return evidence.author_name, evidence.author_name
    return "the person who made the choices", "作出选择的人"


def ownership_rule(ruleset: Ruleset, evidence: Evidence) -> Rule:
    """Who owns it: a legal person's claim is stated as each law has it, never as a natural
    person's (CN art. 11; US work made for hire; CDPA s.11(2); EU by contract)."""
    if evidence.author_kind == "legal_person" and "ownership_legal_person" in ruleset.rules:
        return ruleset.rules["ownership_legal_person"]
    return ruleset.rules["ownership"]


def ownership(evidence: Evidence, rule: Rule, author: str | None = None) -> Ownership:
    en, zh = (author, author) if author else author_labels(evidence)
    return Ownership(
        author=evidence.author_name if not author else author,
        text=rule.text.en.format(author=en),
        text_zh=rule.text.zh.format(author=zh),
        citations=list(rule.citations),
    )


def confidence(evidence: Evidence, *, unknown_core: int, gate: bool = False) -> str:
    quality = evidence.evidence_quality.value
    if gate or quality is None or unknown_core >= 3:
        return "low"
    if quality >= 0.7 and unknown_core == 0:
        return "high"
    return "medium"


def evidence_gate_fails(evidence: Evidence) -> bool:
    """No contemporaneous records of the claimed process: a re-creation, or nothing at all."""
    q = evidence.quality
    return q.re_creation or q.process_records is False


def record_recommendation(ruleset: Ruleset, evidence: Evidence) -> list[Statement]:
    if "F10" in ruleset.factors and not evidence.evidence_quality.at_least(0.7):
        return [statement(ruleset.rules["keep_records"])]
    return []

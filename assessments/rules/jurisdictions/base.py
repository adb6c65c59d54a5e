"""What every jurisdiction's logic shares: findings from the ruleset's data, points, confidence."""

from dataclasses import dataclass, field

from ..evidence import FACTOR_FIELDS, Evidence, Fact, Measure
from ..result import Filing, Finding, Ownership, Statement, Verdict
from ..ruleset import Rule, Ruleset, Text, measures


def heuristic_denoise(ruleset: Ruleset) -> tuple[str, str]:
    """The denoising heuristic as the report states it (the ruleset's text and value)."""
    rule = ruleset.rules["heuristic_denoise"]
    measured = measures().number("perceptible_denoise_max")
    if rule.value != measured:
        raise ValueError(
            f"Ruleset {ruleset.id}: heuristic_denoise says {rule.value}, the evidence measures "
            f"{measured}"
        )
    value = f"{rule.value:g}"
    return rule.text.en.format(value=value), rule.text.zh.format(value=value)


def group(ruleset: Ruleset, name: str) -> tuple[str, ...]:
    """A group of factors the jurisdiction's logic scores together (the ruleset's ``groups``)."""
    return ruleset.groups[name]


def described(ruleset: Ruleset, *names: str) -> list[tuple[str, str]]:
    """The ruleset's descriptions of what is protectable or excluded, English and Chinese."""
    texts: list[Text] = [ruleset.texts[n] for n in names]
    return [(t.en, t.zh) for t in texts]


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
    heuristics: list[tuple[str, str]] = field(default_factory=list)


def quote(measure: Measure, limit: int = 160, *, zh: bool = False) -> str:
    """The first fact of a measure, for a rationale. In Chinese: the app's Chinese wording, or
    the user's own text (a prompt, a note) in Chinese quotation marks, as written."""
    if not measure.facts:
        return ""
    fact = measure.facts[0]
    text = (fact.quote_zh or fact.quote) if zh else fact.quote
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return f"“{text}”" if zh and fact.quote_zh is None else text


def quotes_zh(facts: list[Fact]) -> list[str]:
    """Facts as a Chinese report shows them: the app's Chinese wording, or the user's own text
    in Chinese quotation marks."""
    return [f.quote_zh or f"“{f.quote}”" for f in facts]


def elements_text(evidence: Evidence, language: str = "en") -> str:
    """The categories of expressive elements the prompts fix, named in ``language``."""
    names = measures().element_names
    if language == "zh":
        return "、".join(names[c].zh for c in sorted(evidence.elements)) or "—"
    return ", ".join(names[c].en for c in sorted(evidence.elements)) or "—"


def factor_finding(ruleset: Ruleset, code: str, evidence: Evidence) -> Finding | None:
    rule = ruleset.factors.get(code)
    measure = evidence.factor(code)
    if rule is None or measure.value is None:
        return None
    shown = measure.value >= rule.threshold
    template = rule.supports if shown else rule.against
    values = {"evidence": quote(measure), "elements": elements_text(evidence)}
    values_zh = {"evidence": quote(measure, zh=True), "elements": elements_text(evidence, "zh")}
    rationale = template.en.format(**values)
    rationale_zh = template.zh.format(**values_zh)
    if not shown and measure.value > 0 and measure.facts:
        name, below = measures().factor_names[code], measures().texts["below_what_counts"]
        rationale = below.en.format(name=name.en, evidence=values["evidence"])
        rationale_zh = below.zh.format(name=name.zh, evidence=values_zh["evidence"])
    # A factor the jurisdiction records but gives no weight (prompts in the US, the records that
    # pass a gate) neither helps nor hurts when shown: its finding is neutral.
    effect = ("supports" if rule.weight > 0 else "neutral") if shown else "against"
    return Finding(
        factor=code,
        effect=effect,
        points=round(rule.weight * measure.value, 1) if shown else 0.0,
        evidence=[f.quote for f in measure.facts[:3]],
        evidence_zh=quotes_zh(measure.facts[:3]),
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
    claimed = measures().texts["claimed_ai_author"]
    quote = claimed.en.format(author=evidence.author_name)
    quote_zh = claimed.zh.format(author=evidence.author_name)
    return rule_finding(ruleset.rules["author_gate"], "F14", "gate", [quote], quotes_zh=[quote_zh])


def evidence_gate(ruleset: Ruleset, evidence: Evidence) -> Finding | None:
    """The gate finding when the claimed process is not proven by records (China, EU)."""
    if not evidence_gate_fails(evidence):
        return None
    facts = evidence.evidence_quality.facts[:2]
    return rule_finding(
        ruleset.rules["evidence_gate"],
        "F10",
        "gate",
        [f.quote for f in facts],
        quotes_zh=quotes_zh(facts),
    )


def assisted(decision: "Decision", ruleset: Ruleset, evidence: Evidence) -> "Decision":
    """The work made with software as an assisting instrument, on the claimant's account: the
    author's as a whole, at low confidence (the jurisdiction's ``assisting_instrument`` rule)."""
    fact = evidence.tool_role_facts[0]
    finding = rule_finding(
        ruleset.rules["assisting_instrument"],
        "F14",
        "supports",
        [fact.quote],
        quotes_zh=quotes_zh([fact]),
    )
    decision.findings.insert(0, finding)
    decision.verdict, decision.confidence = "protectable", "low"
    decision.protectable, decision.excluded = described(ruleset, "assisted_work"), []
    return decision


def rule_finding(
    rule: Rule,
    factor: str,
    effect: str,
    quotes: list[str],
    /,
    quotes_zh: list[str] | None = None,
    **values: str,
) -> Finding:
    return Finding(
        factor=factor,
        title=rule.title.en if rule.title else "",
        title_zh=rule.title.zh if rule.title else "",
        rule=rule.name,
        effect=effect,
        points=0.0,
        evidence=quotes,
        evidence_zh=[f"“{q}”" for q in quotes] if quotes_zh is None else quotes_zh,
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
    """The factor is shown at the strength the jurisdiction's ruleset requires (a factor the
    ruleset does not weigh is never shown)."""
    rule = ruleset.factors.get(code)
    return rule is not None and evidence.factor(code).at_least(rule.threshold)


def score(ruleset: Ruleset, earned: float, known: float) -> int:
    """The score on the jurisdiction's scale: the points earned over its ``full_points`` (or,
    where it has none, over the weight the evidence could show), 0-100."""
    full = ruleset.scale.full_points or known
    return round(100 * min(1.0, earned / full)) if full else 0


def gated_score(ruleset: Ruleset, value: int) -> int:
    """A gate-decided verdict keeps its score, capped (the scale's ``gated_cap``)."""
    return min(value, ruleset.scale.gated_cap)


def author_labels(evidence: Evidence) -> tuple[str, str]:
    """The author's name, or a description of who the author is when the intake gives none."""
    if evidence.author_name:
        return evidence.author_name, evidence.author_name
    unnamed = measures().texts["author_unnamed"]
    return unnamed.en, unnamed.zh


def ownership_rule(ruleset: Ruleset, evidence: Evidence) -> Rule:
    """Who owns it: a legal person's claim is stated as each law has it, never as a natural
    person's (CN art. 11; US work made for hire; CDPA s.11(2); EU by contract)."""
    if evidence.author_kind == "legal_person" and "ownership_legal_person" in ruleset.rules:
        return ruleset.rules["ownership_legal_person"]
    return ruleset.rules["ownership"]


def ownership(
    evidence: Evidence,
    rule: Rule,
    author: str | None = None,
    *,
    author_zh: str | None = None,
    ruleset: Ruleset | None = None,
) -> Ownership:
    """Who owns it, as the jurisdiction's rule states it; where the tool's terms keep the rights
    and the ruleset says what that means, its statement follows (ownership contested, protection
    unchanged)."""
    en, zh = (author, author_zh or author) if author else author_labels(evidence)
    owner = Ownership(
        author=evidence.author_name if not author else author,
        text=rule.text.en.format(author=en),
        text_zh=rule.text.zh.format(author=zh),
        citations=list(rule.citations),
    )
    operator = evidence.intake.operator if evidence.intake else None
    said = ruleset.rules.get(f"ownership_operator_{operator}") if ruleset and operator else None
    if said is not None:
        # Who operated the tool decides who owns what was made with it (an employee's work is
        # the employer's; a commissioned one is not, without more). The employer is the claimant,
        # never "the person who made the choices" (that is the employee).
        unnamed = measures().texts["claimant_unnamed"]
        claimant_en = author or evidence.author_name or unnamed.en
        claimant_zh = author_zh or author or evidence.author_name or unnamed.zh
        owner.text += " " + said.text.en.format(author=claimant_en)
        owner.text_zh += said.text.zh.format(author=claimant_zh)
        owner.citations += [c for c in said.citations if c not in owner.citations]
    contested = ruleset.rules.get("ownership_terms_contested") if ruleset else None
    if contested is not None and evidence.tool_terms.value == 0.0:
        owner.text += " " + contested.text.en
        owner.text_zh += contested.text.zh
        owner.citations += [c for c in contested.citations if c not in owner.citations]
    return owner


def records_adequate(evidence: Evidence) -> bool:
    return evidence.evidence_quality.at_least(measures().number("records_adequate"))


def rests_on_claims(evidence: Evidence) -> bool:
    """A factor is shown only because the intake claims it (no record shows it)."""
    return any(
        evidence.factor(code).claimed and evidence.factor(code).value for code in FACTOR_FIELDS
    )


def confidence(evidence: Evidence, *, unknown_core: int, gate: bool = False) -> str:
    """Low on a gate, unknown records, too many unknown factors, or a factor that rests on a
    claim of the intake alone; high only with adequate records and every factor the jurisdiction
    decides on known."""
    quality = evidence.evidence_quality.value
    if gate or quality is None or unknown_core >= measures().number("confidence_low_unknown"):
        return "low"
    if rests_on_claims(evidence):
        return "low"
    if records_adequate(evidence) and unknown_core == 0:
        return "high"
    return "medium"


def evidence_gate_fails(evidence: Evidence) -> bool:
    """No contemporaneous records of the claimed process: a re-creation, or nothing at all."""
    q = evidence.quality
    return q.re_creation or q.process_records is False


def record_recommendation(ruleset: Ruleset, evidence: Evidence) -> list[Statement]:
    if "F10" in ruleset.factors and not records_adequate(evidence):
        return [statement(ruleset.rules["keep_records"])]
    return []

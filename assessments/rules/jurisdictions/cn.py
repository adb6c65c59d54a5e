"""China. Baseline Li v. Liu (BIC, Nov 2023): detailed prompts, parameters, refinement and
selection together can make an AI image a work; the 2025 decisions add that without original
process records the claim fails."""

from ..evidence import Evidence
from ..result import Filing, Statement
from ..ruleset import Ruleset
from .base import (
    HEURISTIC_DENOISE,
    HUMAN_CONTRIBUTIONS,
    Decision,
    author_gate,
    confidence,
    evidence_gate,
    factor_findings,
    ownership,
    points,
    record_recommendation,
    rule_finding,
    shown,
)

CORE = ("F1", "F2", "F3", "F4", "F5")
# A gate-decided verdict keeps a score, capped: the process may be strong, but it is not proven.
GATED_SCORE_CAP = 20


def decide(evidence: Evidence, ruleset: Ruleset) -> Decision:
    rules = ruleset.rules
    findings = factor_findings(ruleset, evidence)
    legal_person = evidence.author_kind == "legal_person"
    owner = ownership(evidence, rules["ownership_legal_person" if legal_person else "ownership"])
    earned, known = points(ruleset, evidence, CORE)
    extra, _ = points(ruleset, evidence, HUMAN_CONTRIBUTIONS)
    # Strength of the case: the share of the known core shown, raised by the strengtheners.
    score = round(100 * min(1.0, (earned + extra) / known)) if known else 0
    unknown_core = sum(1 for c in CORE if evidence.factor(c).value is None)
    recommendations = record_recommendation(ruleset, evidence)
    if not evidence.labelling.at_least(0.5):
        recommendations.append(_from_factor(ruleset, "F12"))
    if evidence.tool_terms.value is None:
        recommendations.append(
            Statement(
                text="Check that the AI tool's terms leave the rights in the output to you.",
                text_zh="确认 AI 工具的服务条款将输出的权利留给你。",
                citations=list(ruleset.factors["F11"].citations),
            )
        )
    decision = Decision(
        verdict="uncertain",
        score=score,
        confidence=confidence(evidence, unknown_core=unknown_core),
        findings=findings,
        ownership=owner,
        recommendations=recommendations,
        heuristics=[HEURISTIC_DENOISE],
    )

    if gate := author_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        return _gated(decision, "not_protectable")
    if gate := evidence_gate(ruleset, evidence):
        decision.findings.insert(0, gate)
        # The claim fails when the dispute turns on the process; otherwise it is open.
        return _gated(decision, "not_protectable" if evidence.dispute is True else "uncertain")
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
        return _gated(decision, "not_protectable")

    ratio = earned / known if known else 0.0
    strengthened = any(shown(ruleset, evidence, c) for c in HUMAN_CONTRIBUTIONS)
    weak_prompt = (
        evidence.specificity.value is not None
        and evidence.specificity.value <= ruleset.number("weak_prompt")
    )
    nothing_else = not any(shown(ruleset, evidence, c) for c in ("F4",) + HUMAN_CONTRIBUTIONS)
    if known >= ruleset.number("core_known_minimum") and ratio >= ruleset.number("core_threshold"):
        decision.verdict = "protectable"
    elif strengthened and ratio >= 0.4:
        decision.verdict = "protectable"
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
    if decision.verdict == "protectable":
        decision.findings.insert(0, rule_finding(rules["core_threshold"], "F2-F5", "supports", []))
        decision.protectable = [
            (
                "The image as a whole, as an artwork reflecting the author's choices",
                "体现作者选择的整幅图片（美术作品）",
            )
        ]
        decision.filing = _creation_statement(evidence, ruleset)
    return decision


def _gated(decision: Decision, verdict: str) -> Decision:
    decision.verdict = verdict  # type: ignore[assignment]
    decision.score = min(decision.score, GATED_SCORE_CAP)
    decision.confidence = "medium" if verdict == "not_protectable" else "low"
    return decision


def _from_factor(ruleset: Ruleset, code: str) -> Statement:
    rule = ruleset.factors[code]
    return Statement(text=rule.against.en, text_zh=rule.against.zh, citations=list(rule.citations))


def _creation_statement(evidence: Evidence, ruleset: Ruleset) -> Filing:
    """创作说明: a creation statement for a Chinese registration or a court file."""
    parts_zh, parts_en = [], []
    if evidence.elements:
        parts_zh.append("通过提示词确定了画面的" + "、".join(sorted(evidence.elements)) + "等要素")
        parts_en.append(
            "fixed the picture's " + ", ".join(sorted(evidence.elements)) + " through prompts"
        )
    if shown(ruleset, evidence, "F3"):
        parts_zh.append("设置了模型和生成参数")
        parts_en.append("chose the model and generation parameters")
    if shown(ruleset, evidence, "F4"):
        parts_zh.append(f"经过 {len(evidence.refinement.facts)} 轮查看输出后的修改")
        parts_en.append(
            f"revised the inputs over {len(evidence.refinement.facts)} rounds after seeing the outputs"
        )
    if shown(ruleset, evidence, "F5"):
        parts_zh.append("从候选结果中选定最终图片")
        parts_en.append("selected the final image among the candidates")
    if shown(ruleset, evidence, "F8"):
        parts_zh.append("生成后进行了人工修改")
        parts_en.append("modified the output by hand")
    steps = evidence.quality.steps
    record_zh = f"创作过程共 {steps} 个步骤，原始文件及其 SHA-256 哈希值见证据清单。"
    record_en = f"The process has {steps} recorded steps; the original files and their SHA-256 hashes are listed in the evidence record."
    author = evidence.author_name or "作者"
    return Filing(
        creation_statement_zh=f"{author}使用人工智能工具创作本作品："
        + "；".join(parts_zh)
        + "。"
        + record_zh
        + "作品中人工智能生成的内容已如实说明。",
        creation_statement_en=f"{evidence.author_name or 'The author'} created this work with an AI tool and "
        + "; ".join(parts_en)
        + ". "
        + record_en,
        citations=["cn-bic-li-v-liu-2023", "cn-cac-labeling-measures-2025"],
    )

"""Render a result to HTML and PDF (pure: Jinja2 and WeasyPrint, no Django).

Both languages come from the same structured result: the labels below and the ``*_zh``
companions of the result's texts. The legal glossary is fixed: 独创性 originality, 智力投入
intellectual input, 作品 work.
"""

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from assessments.rules.result import Result
from assessments.rules.ruleset import measures

TEMPLATES = Path(__file__).resolve().parent / "templates"
_ENV = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html", "j2"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "untitled": "Untitled work",
        "bilingual_part": "English version",
        "bilingual_note": (
            "the whole report in English. The Chinese version, the whole report in Chinese, "
            "follows it; the two state the same assessment."
        ),
        "law_as_of": "Law as of",
        "assessed_in": "Jurisdictions assessed",
        "version": "Version",
        "state_draft": "Draft: not yet reviewed or issued by counsel",
        "state_short": "DRAFT",
        "state_issued": "Version {number}, issued",
        "cover_note": "Covering note",
        "by_on": "{by}, {on}",
        "counsel_conclusion": "Counsel's conclusion",
        "engine_answer": "The assessment's own answer",
        "engine_said": "the assessment gave: {verdict}",
        "overridden": "overridden",
        "counsel_note": "Counsel's note",
        "stale_notes": "Counsel's notes on findings this version no longer has",
        "from_counsel": "counsel",
        "edited_by_counsel": "as worded by counsel",
        "stale_overrides": "Counsel's conclusions for jurisdictions this version no longer assesses",
        "stale_edits": "Counsel's rewording of recommendations this version no longer makes",
        "issued_by": "Reviewed and issued by {by} on {on}.",
        "issued_short": "v{number} · issued {on}",
        "footer_notice": "Decision support, not legal advice",
        "page_of_css": '"Page " counter(page) " of " counter(pages)',
        "h_answer": "1. The answer",
        "h_reasoning": "2. The reasoning",
        "h_todo": "3. What to do",
        "h_drafts": "4. Filing drafts",
        "h_analogous": "5. Analogous decisions",
        "h_authorities": "6. Table of authorities",
        "answer_protectable": "The work is likely to be protected by copyright.",
        "answer_partially_protectable": "Parts of the work are likely to be protected by copyright.",
        "answer_uncertain": (
            "It is uncertain whether the work is protected: the record does not settle it."
        ),
        "answer_not_protectable": (
            "As its making is recorded, the work is unlikely to be protected by copyright."
        ),
        "protected_parts": "Protected",
        "not_protected_parts": "Not protected",
        "owner": "Who owns it",
        "decisive": "Decisive",
        "weighs_for": "Weighing for protection",
        "weighs_against": "Weighing against",
        "to_do": "What would change it",
        "would_change": "If {cond}, the answer would be: {verdict}.",
        "question_authorship": "Is there a human author?",
        "question_originality": (
            "Is the work original: do the author's own intellectual choices show in it?"
        ),
        "question_evidence": "Can the process be proved?",
        "question_ownership": "Who owns the rights?",
        "question_labelling": "Labelling and disclosure",
        "effect_supports": "weighs for protection",
        "effect_against": "weighs against",
        "effect_gate": "decisive",
        "effect_neutral": "recorded, given no weight",
        "effect_risk": "a risk",
        "record_shows": "The record",
        "stop_end": ".",
        "lp": " (",
        "rp": ")",
        "alike_on": "alike in",
        "differs_on": "differs in",
        "outcome_granted": "protection granted",
        "outcome_partial": "partly granted",
        "outcome_denied": "protection denied",
        "outcome_liable": "held liable",
        "outcome_not_liable": "held not liable",
        "outcome_pending": "pending",
        "outcome_guidance": "guidance",
        "outcome_other": "see its holding",
        "keep_files": (
            "Keep the files listed in the evidence record unchanged (do not re-save them or strip "
            "their metadata): their SHA-256 hashes below identify them."
        ),
        "applies_to": "for",
        "draft_note": "Drafts for counsel: check each against the facts before filing.",
        "points": "Points",
        "appendix_intro": (
            "Each factor is measured from the records and the answers, from 0 to 1, and weighed "
            "by the jurisdiction's ruleset; gates (no human author, no process records where the "
            "process is disputed) decide first. The codes F1 to F14 are the factors of the case "
            "library."
        ),
        "title": "Copyright assessment of an AI-assisted work",
        "summary": "Summary across jurisdictions",
        "jurisdiction": "Jurisdiction",
        "verdict": "Verdict",
        "score": "Score",
        "confidence": "Confidence",
        "findings": "Findings",
        "factor": "Factor",
        "effect": "Effect",
        "evidence": "Evidence",
        "reasoning": "Reasoning",
        "sources": "Sources",
        "ownership": "Ownership",
        "protectable": "Protectable",
        "excluded": "Excluded",
        "recommendations": "Recommendations",
        "what_if": "What would change the verdict",
        "filing": "Filing text",
        "author_created": "Author created",
        "material_excluded": "Material excluded",
        "claim_limitation": "Claim limitation",
        "creation_statement": "Creation statement (创作说明)",
        "infringement": "Infringement risk",
        "level": "Level",
        "analogous": "Analogous decisions",
        "not_assessed": "Countries not assessed",
        "list_sep": "; ",
        "record": "Appendix: evidence record",
        "root": "Root hash",
        "rulesets": "Rulesets",
        "date": "Date",
        "heuristics": "Heuristics used",
        "none": "None found.",
        "work": "Work",
        "if": "If",
        "then": "then",
        "protectable_v": "protectable",
        "partially_protectable_v": "partially protectable",
        "uncertain_v": "uncertain",
        "not_protectable_v": "not protectable",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "authorities": "Table of authorities",
        "citation": "Citation",
        "proceeding": "Status of proceedings",
        "as_of": "as of",
        "status_decided": "decided",
        "status_pending": "pending",
        "status_on_appeal": "on appeal",
        "status_settled": "settled",
        "status_guidance": "guidance",
        "status_statute": "statute",
        "score_of": "score {score} of 100",
        "colon": ": ",
        "risk_none": "none found",
        "risk_low": "low",
        "risk_medium": "medium",
        "risk_high": "high",
        "flag_prompt": "Named in a prompt",
        "flag_lora": "A LoRA's name",
        "flag_model": "The model's name",
        "flag_file_name": "A file name",
        "flag_input": "An input's name",
        "flag_third_party_input": "A third party's image as input",
        "flag_described": "Described by its traits in a prompt",
        "flag_near_copy": "The final image is close to another picture",
        "topic_protected_work": "A protected character or work",
        "topic_described": "A character described by its traits",
        "topic_brand": "A brand or trade mark",
        "topic_style": "An artist's style",
        "topic_third_party_input": "A third party's image as input",
        "topic_near_copy": "A near-copy of another picture",
        "topic_commercial": "Commercial exploitation",
        "topic_parody": "Parody or commentary",
        "screen_authorities": "What the decisions of each jurisdiction say",
        "topic": "Point",
        "third_party_material": "A third party's picture",
        "no_decision_on_point": "no decision on point",
        "purpose": "Purpose of the use",
        "comparisons": "Image comparison (perceptual hash)",
        "comparison_other": "Compared with",
        "distance": "Distance (of 64)",
        "comparison_limit": (
            "A perceptual hash finds near-copies only: the same picture resized, recompressed "
            "or lightly altered. It does not find every substantial similarity: what the "
            "decisions above say of that is in the infringement section."
        ),
        "stop": ". ",
        "band": "Band",
        "scale": "The score",
        "scale_note": (
            "The verdict comes from the gates first, then the rules; the score and its band "
            "measure the strength of the recorded human contribution."
        ),
        "appendix": "Appendix: how this was assessed",
        "quantities": "What the evidence records",
        "q_generations": "Generations",
        "q_distinct_prompts": "Distinct prompts",
        "q_revision_rounds": "Rounds of revision after seeing an output",
        "q_prompt_revisions": "Prompt revisions (of substance)",
        "q_prompt_change_mean": "Share of words changed per revision (mean)",
        "q_rerolls": "Re-rolls (same prompt and settings, new seed)",
        "q_possibly_unrelated": "Generations that look like another work (not counted)",
        "q_settings_recorded": "Generation settings chosen (not the tool's defaults)",
        "q_candidates": "Candidate outputs",
        "q_selections_recorded": "Selections recorded",
        "q_regional_edits": "Region-level edits (inpainting, masks, ControlNet)",
        "q_own_inputs": "Own inputs used",
        "q_own_input_lowest_denoise": "Lowest denoising strength for an own input",
        "q_edit_steps": "Edit steps recorded",
        "q_trivial_edits": "Of them, trivial edits (crop, resize, removed mark, colour)",
        "q_editing_extent": "Extent of editing (intake)",
        "q_recorded_steps": "Recorded steps",
        "extent_none": "none",
        "extent_minor": "minor",
        "extent_moderate": "details reworked by hand",
        "extent_substantial": "substantial",
        "unknown": "not recorded",
    },
    "zh": {
        "untitled": "未命名作品",
        "bilingual_part": "中文版",
        "bilingual_note": "报告全文的中文文本，在英文版之后；两者表述的是同一项评估。",
        "law_as_of": "法律状态截至",
        "assessed_in": "评估的法域",
        "version": "版本",
        "state_draft": "草稿：尚未经律师审阅和签发",
        "state_short": "草稿",
        "state_issued": "第 {number} 版，已签发",
        "cover_note": "律师说明",
        "by_on": "{by}，{on}",
        "counsel_conclusion": "律师的结论",
        "engine_answer": "评估本身的结论",
        "engine_said": "评估给出的结论为：{verdict}",
        "overridden": "已改变",
        "counsel_note": "律师批注",
        "stale_notes": "本版本中已不存在的认定所附的律师批注",
        "from_counsel": "律师",
        "edited_by_counsel": "经律师改写",
        "stale_overrides": "律师对本版本不再评估的法域所作的结论",
        "stale_edits": "律师对本版本不再提出的建议所作的改写",
        "issued_by": "由 {by} 于 {on} 审阅并签发。",
        "issued_short": "第 {number} 版 · {on} 签发",
        "footer_notice": "决策支持，不构成法律意见",
        "page_of_css": '"第 " counter(page) " 页，共 " counter(pages) " 页"',
        "h_answer": "一、结论",
        "h_reasoning": "二、理由",
        "h_todo": "三、建议做法",
        "h_drafts": "四、登记文本草稿",
        "h_analogous": "五、类似裁判",
        "h_authorities": "六、引用依据一览",
        "answer_protectable": "该作品很可能受著作权保护。",
        "answer_partially_protectable": "该作品的部分内容很可能受著作权保护。",
        "answer_uncertain": "该作品是否受保护尚不确定：现有记录不足以作出判断。",
        "answer_not_protectable": "按现有记录的创作过程，该作品很可能不受著作权保护。",
        "protected_parts": "受保护的部分",
        "not_protected_parts": "不受保护的部分",
        "owner": "权利归属",
        "decisive": "决定性因素",
        "weighs_for": "支持受保护的因素",
        "weighs_against": "不利于受保护的因素",
        "to_do": "什么会改变结论",
        "would_change": "如果{cond}，结论将变为：{verdict}。",
        "question_authorship": "是否有人类作者？",
        "question_originality": "作品是否具有独创性，是否体现了作者自己的智力投入？",
        "question_evidence": "创作过程能否证明？",
        "question_ownership": "权利归谁所有？",
        "question_labelling": "标识与披露",
        "effect_supports": "支持受保护",
        "effect_against": "不利于受保护",
        "effect_gate": "决定性",
        "effect_neutral": "有记录，不计权重",
        "effect_risk": "风险",
        "record_shows": "记录显示",
        "stop_end": "。",
        "lp": "（",
        "rp": "）",
        "alike_on": "相同之处：",
        "differs_on": "不同之处：",
        "outcome_granted": "给予保护",
        "outcome_partial": "部分给予保护",
        "outcome_denied": "不予保护",
        "outcome_liable": "认定承担责任",
        "outcome_not_liable": "认定不承担责任",
        "outcome_pending": "审理中",
        "outcome_guidance": "指导性文件",
        "outcome_other": "见其裁判要旨",
        "keep_files": "保持证据清单所列文件原样（不要另存，也不要删除其元数据）：下列 SHA-256 哈希值可用于识别这些文件。",
        "applies_to": "适用于",
        "draft_note": "供律师参考的草稿：提交前请逐项核对事实。",
        "us_in_english": "美国版权登记的申请文本须以英文填写，故以下美国部分保留英文原文。",
        "points": "分值",
        "appendix_intro": (
            "每个因素根据记录和问卷回答在 0 至 1 之间计量，并按该法域的规则确定权重；"
            "门槛规则（没有人类作者；创作过程有争议而没有过程记录）优先适用。"
            "F1 至 F14 为案例库中的因素编号。"
        ),
        "title": "人工智能辅助作品著作权评估报告",
        "summary": "各法域结论一览",
        "jurisdiction": "法域",
        "verdict": "结论",
        "score": "评分",
        "confidence": "可信度",
        "findings": "认定",
        "factor": "因素",
        "effect": "作用",
        "evidence": "证据",
        "reasoning": "理由",
        "sources": "依据",
        "ownership": "权利归属",
        "protectable": "可受保护的部分",
        "excluded": "排除的部分",
        "recommendations": "建议",
        "what_if": "哪些事实会改变结论",
        "filing": "登记文本",
        "author_created": "作者创作（Author created）",
        "material_excluded": "排除的材料（Material excluded）",
        "claim_limitation": "权利主张范围",
        "creation_statement": "创作说明",
        "infringement": "侵权风险",
        "level": "等级",
        "analogous": "类似裁判",
        "not_assessed": "未评估的法域",
        "list_sep": "；",
        "record": "附录：证据清单",
        "root": "根哈希",
        "rulesets": "规则版本",
        "date": "日期",
        "heuristics": "使用的推定规则",
        "none": "未发现。",
        "work": "作品",
        "if": "如果",
        "then": "则",
        "protectable_v": "可受保护",
        "partially_protectable_v": "部分可受保护",
        "uncertain_v": "不确定",
        "not_protectable_v": "不受保护",
        "high": "高",
        "medium": "中",
        "low": "低",
        "authorities": "引用依据一览",
        "citation": "引注",
        "proceeding": "程序状态",
        "as_of": "截至",
        "status_decided": "已裁判",
        "status_pending": "审理中",
        "status_on_appeal": "上诉中",
        "status_settled": "已和解",
        "status_guidance": "指导性文件",
        "status_statute": "法律条文",
        "score_of": "评分 {score}/100",
        "colon": "：",
        "risk_none": "未发现",
        "risk_low": "低",
        "risk_medium": "中",
        "risk_high": "高",
        "flag_prompt": "提示词中提及",
        "flag_lora": "LoRA 名称",
        "flag_model": "模型名称",
        "flag_file_name": "文件名",
        "flag_input": "输入文件名称",
        "flag_third_party_input": "以第三方图片作为输入",
        "flag_described": "提示词以显著特征描述",
        "flag_near_copy": "最终图片与另一图片相近",
        "topic_protected_work": "受保护的角色或作品",
        "topic_described": "以显著特征描述的角色",
        "topic_brand": "品牌或商标",
        "topic_style": "艺术家的风格",
        "topic_third_party_input": "以第三方图片作为输入",
        "topic_near_copy": "与他人图片近似复制",
        "topic_commercial": "商业利用",
        "topic_parody": "戏仿或评论",
        "screen_authorities": "各法域裁判的立场",
        "topic": "所涉问题",
        "third_party_material": "第三方的图片",
        "no_decision_on_point": "尚无直接相关的裁判",
        "purpose": "使用目的",
        "comparisons": "图片比对（感知哈希）",
        "comparison_other": "比对对象",
        "distance": "距离（共64位）",
        "comparison_limit": (
            "感知哈希只能发现近似复制，即同一图片经缩放、重新压缩或轻微改动的情形，"
            "不能发现所有实质性相似：各裁判就此所作的认定见上文侵权风险部分。"
        ),
        "stop": "。",
        "band": "区间",
        "scale": "评分的含义",
        "scale_note": "结论首先取决于门槛规则，其次取决于各项规则；评分及其区间衡量的是有记录的人类贡献的强度。",
        "appendix": "附录：评估方法说明",
        "quantities": "证据记录的数量",
        "q_generations": "生成次数",
        "q_distinct_prompts": "不同提示词的数量",
        "q_revision_rounds": "看到输出后进行修改的轮次",
        "q_prompt_revisions": "提示词的实质性修改次数",
        "q_prompt_change_mean": "每次修改变动的词语比例（平均）",
        "q_rerolls": "重新抽取次数（提示词与设置相同，仅更换种子）",
        "q_possibly_unrelated": "看似属于另一件作品的生成（不计入）",
        "q_settings_recorded": "选定的生成设置项数（非工具默认值）",
        "q_candidates": "候选输出数量",
        "q_selections_recorded": "记录的选择次数",
        "q_regional_edits": "区域层面的修改（局部重绘、蒙版、ControlNet）",
        "q_own_inputs": "使用的自有输入数量",
        "q_own_input_lowest_denoise": "自有输入的最低重绘强度",
        "q_edit_steps": "记录的修改步骤",
        "q_trivial_edits": "其中的简单修改（裁剪、缩放、去除瑕疵、调色）",
        "q_editing_extent": "修改程度（问卷所述）",
        "q_recorded_steps": "记录的步骤数",
        "extent_none": "无",
        "extent_minor": "轻微",
        "extent_moderate": "亲手修改细节",
        "extent_substantial": "实质性",
        "unknown": "未记录",
    },
}
JURISDICTION_NAMES = {
    "en": {"CN": "China", "US": "United States", "EU": "European Union", "UK": "United Kingdom"},
    "zh": {"CN": "中国", "US": "美国", "EU": "欧盟", "UK": "英国"},
}


@dataclass(frozen=True)
class Note:
    """A note of counsel's review, with who wrote it and when."""

    text: str
    by: str
    on: str
    verdict: str | None = None  # an override's conclusion


@dataclass(frozen=True)
class Review:
    """Counsel's review as a report prints it: a covering note, conclusions overridden per
    jurisdiction, notes on findings (keyed "CN:F2", or "CN:F2/weak_prompt" for a rule's
    finding), added recommendations (jurisdiction code or "" for all)."""

    cover: Note | None = None
    overrides: dict[str, Note] = field(default_factory=dict)
    annotations: dict[str, Note] = field(default_factory=dict)
    recommendations: list[tuple[str, Note]] = field(default_factory=list)
    # The assessment's own recommendations as counsel reworded them, by recommendation_key; an
    # empty text leaves the recommendation out.
    edits: dict[str, Note] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "cover": asdict(self.cover) if self.cover else None,
            "overrides": {k: asdict(v) for k, v in self.overrides.items()},
            "annotations": {k: asdict(v) for k, v in self.annotations.items()},
            "recommendations": [[code, asdict(note)] for code, note in self.recommendations],
            "edits": {k: asdict(v) for k, v in self.edits.items()},
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "Review":
        data = data or {}
        cover = data.get("cover")
        return cls(
            cover=Note(**cover) if cover else None,
            overrides={k: Note(**v) for k, v in (data.get("overrides") or {}).items()},
            annotations={k: Note(**v) for k, v in (data.get("annotations") or {}).items()},
            recommendations=[(c, Note(**n)) for c, n in data.get("recommendations") or []],
            edits={k: Note(**v) for k, v in (data.get("edits") or {}).items()},
        )

    def stale(self, result: Result) -> list[tuple[str, Note]]:
        """Notes on findings the result no longer has (a rerun changed them)."""
        standing = {
            f"{code}:{finding.key}"
            for code, j in result.jurisdictions.items()
            for finding in j.findings
        }
        return [(key, note) for key, note in self.annotations.items() if key not in standing]

    def no_longer_apply(self, result: Result) -> dict[str, list[tuple[str, Note]]]:
        """What of the review a rerun left without its object: notes on findings the result no
        longer has, overrides of jurisdictions no longer assessed, edits of recommendations it
        no longer makes. The rest is carried forward as it stands."""
        made = {
            recommendation_key(r.text)
            for j in result.jurisdictions.values()
            for r in j.recommendations
        }
        return {
            "annotations": self.stale(result),
            "overrides": [
                (c, n) for c, n in self.overrides.items() if c not in result.jurisdictions
            ],
            "edits": [(k, n) for k, n in self.edits.items() if k not in made],
        }

    def carried(self, result: Result) -> dict[str, int]:
        """How many of the review's notes still have their object in ``result``."""
        gone = self.no_longer_apply(result)
        return {
            "annotations": len(self.annotations) - len(gone["annotations"]),
            "overrides": len(self.overrides) - len(gone["overrides"]),
            "edits": len(self.edits) - len(gone["edits"]),
        }


def recommendation_key(text: str) -> str:
    """A recommendation of the assessment, known by its English wording (the same in every
    jurisdiction that makes it)."""
    return "r-" + hashlib.sha256(text.encode()).hexdigest()[:10]


def recommendations_made(result: Result) -> list[dict[str, Any]]:
    """The assessment's own recommendations once each: key, wording in both languages, the
    jurisdictions that make it, the decisions it cites."""
    items: dict[str, dict[str, Any]] = {}
    for code, j in result.jurisdictions.items():
        for statement in j.recommendations:
            key = recommendation_key(statement.text)
            item = items.setdefault(
                key,
                {
                    "key": key,
                    "text": statement.text,
                    "text_zh": statement.text_zh,
                    "jurisdictions": [],
                    "citations": [],
                },
            )
            item["jurisdictions"].append(code)
            item["citations"] += [c for c in statement.citations if c not in item["citations"]]
    return list(items.values())


@dataclass(frozen=True)
class Issued:
    """An issued version as its documents print it."""

    number: int
    by: str
    on: date


# The questions a court asks, in the order a report answers them, and the factors each rests on.
QUESTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("authorship", ("F14", "F1")),
    ("originality", ("F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9")),
    ("evidence", ("F10",)),
    ("ownership", ("F11",)),
    ("labelling", ("F12", "F13")),
)


BILINGUAL = "en+zh"


def document_languages(languages: "list[str] | tuple[str, ...] | str") -> list[str]:
    """The parts of a document: ``"en"``, ``"zh"`` (or ``"zh-hans"``), or both (a list of the
    two, or ``BILINGUAL``) for one bilingual document, English then Chinese."""
    if isinstance(languages, str):
        languages = languages.split("+")
    chosen = {"zh" if code.lower().startswith("zh") else "en" for code in languages}
    return [code for code in ("en", "zh") if code in chosen] or ["en"]


def render_html(
    result: Result,
    *,
    language: str = "en",
    title: str | None = None,
    on: date | None = None,
    case_url: str = "/cases/{slug}/",
    for_pdf: bool = False,
    issued: Issued | None = None,
    review: Review | None = None,
) -> str:
    """The report document in ``language`` ("en", "zh", or ``BILINGUAL`` for one document with
    the whole report in English and then in Chinese); a draft unless ``issued`` says which
    version it is and who issued it (then the cover and every page say so instead of "draft")."""
    data: dict[str, Any] = result.model_dump(mode="json", by_alias=True)
    factor_names = measures().factor_names
    parts = []
    for lang in document_languages(language):
        names = JURISDICTION_NAMES[lang]
        parts.append(
            {
                "lang": lang,
                "t": LABELS[lang],
                "names": names,
                "factors": {code: getattr(name, lang) for code, name in factor_names.items()},
                "checklist": _checklist(result, lang, names, review),
                "first_to_do": _first_to_do(result, lang, review),
            }
        )
    return _ENV.get_template("report.html.j2").render(
        r=data,
        parts=parts,
        questions=QUESTIONS,
        law_as_of=_law_as_of(result),
        title=title,
        on=(on or date.today()).isoformat(),
        case_url=case_url,
        for_pdf=for_pdf,
        issued=issued,
        review=review or Review(),
        stale_notes=(review or Review()).stale(result),
        gone=(review or Review()).no_longer_apply(result),
    )


def _checklist(
    result: Result, lang: str, names: dict[str, str], review: Review | None = None
) -> list[dict[str, Any]]:
    """Every jurisdiction's recommendations once, with the jurisdictions each is for, as counsel
    reworded them (or left out); then counsel's own."""
    review = review or Review()
    items: list[dict[str, Any]] = []
    for made in recommendations_made(result):
        edit = review.edits.get(made["key"])
        if edit is not None and not edit.text:
            continue
        items.append(
            {
                "text": edit.text if edit else made["text_zh" if lang == "zh" else "text"],
                "citations": made["citations"],
                "where": [names.get(code, code) for code in made["jurisdictions"]],
                "edited": edit,
            }
        )
    everywhere = [names.get(code, code) for code in result.jurisdictions]
    for code, note in review.recommendations:
        where = [names.get(code, code)] if code else everywhere
        items.append({"text": note.text, "citations": [], "where": where, "counsel": note})
    return items


def _first_to_do(result: Result, lang: str, review: Review | None) -> dict[str, str]:
    """Each jurisdiction's first recommendation as the report prints it: as counsel worded it,
    and none that counsel left out."""
    edits = (review or Review()).edits
    first: dict[str, str] = {}
    for code, j in result.jurisdictions.items():
        for statement in j.recommendations:
            edit = edits.get(recommendation_key(statement.text))
            if edit is not None and not edit.text:
                continue
            first[code] = (
                edit.text if edit else (statement.text_zh if lang == "zh" else statement.text)
            )
            break
    return first


def _law_as_of(result: Result) -> str | None:
    """The latest date the library checked the status of a decision the report cites."""
    dates = [a.status_as_of for a in result.authorities.values() if a.status_as_of]
    return max(dates) if dates else None


class PdfUnavailable(RuntimeError):
    """WeasyPrint or its system libraries (Pango) are missing on this machine."""


def render_pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: Pango or fonts missing
        raise PdfUnavailable(f"PDF rendering is not available here: {exc}") from exc
    pdf: bytes = HTML(string=html, base_url=None, url_fetcher=_refuse).write_pdf()
    return pdf


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # The report is self-contained; nothing it contains may make the renderer fetch anything.
    raise ValueError(f"external resource refused: {url[:80]}")

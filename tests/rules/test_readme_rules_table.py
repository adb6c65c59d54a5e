"""The README's table of rules is what the rules answer: each row is run through the pipeline and
the table is rebuilt from the verdicts; a README that says otherwise fails here (the failure prints
the table to paste)."""

from datetime import date
from pathlib import Path

from assessments.rules import assess, extract_evidence

from .conftest import LI_PROMPT_1, LI_PROMPT_2, LI_PROMPT_3, intake, li_v_liu_like, log

README = Path(__file__).resolve().parents[2] / "README.md"
START, END = "<!-- rules-table:start -->", "<!-- rules-table:end -->"
RECORDS = {"evidence_retained": True, "evidence_contemporaneous": True}
PERSON = {"claimed_author": {"name": "Li", "kind": "natural_person"}}
SETTINGS = {"steps": 30, "cfg_scale": 9, "width": 768, "height": 1024}


def _gen(prompt, seed, **params):
    return {"action": "generate", "prompt": prompt, "params": {"seed": seed, **params}}


def _edit(note):
    return {"action": "edit", "tool": "Photoshop", "note": note}


# (rule, scenario, intake answers, steps, the decision it follows)
ROWS = [
    (
        "Refinement and selection, recorded",
        "three revised prompts and a recorded pick, the tool's own records",
        {**RECORDS, **PERSON},
        None,
        "Li v. Liu (BIC 2023)",
    ),
    (
        "Re-rolls are not refinement",
        "one detailed prompt re-rolled on ten seeds",
        {**RECORDS, **PERSON},
        [_gen(LI_PROMPT_3, n, **SETTINGS) for n in range(10)],
        "Zhangjiagang 2025",
    ),
    (
        "Defaults are not choices",
        "one detailed prompt at the tool's default settings",
        {**RECORDS, **PERSON},
        [_gen(LI_PROMPT_3, 1, steps=20, cfg_scale=7, width=512, height=512)],
        "Li v. Liu; Zhangjiagang 2025",
    ),
    (
        "Records must be real",
        "a log typed after a dispute began, records not kept",
        {"evidence_retained": False, "dispute": True, **PERSON},
        [_gen(LI_PROMPT_1, 1), _gen(LI_PROMPT_2, 2), _gen(LI_PROMPT_3, 3)],
        "BIC cat pendant 2025; Zhangjiagang 2025",
    ),
    (
        "Records dated after the dispute",
        "every dated step recorded after the dispute began",
        {**RECORDS, **PERSON, "dispute": True, "dispute_began_on": date(2025, 6, 1)},
        [
            {**_gen(LI_PROMPT_1, 1, **SETTINGS), "at": "2025-06-05T10:00:00Z"},
            {**_gen(LI_PROMPT_3, 1, **SETTINGS), "at": "2025-06-05T11:00:00Z"},
        ],
        "BIC cat pendant 2025",
    ),
    (
        "Trivial edits are not authorship",
        "one generation, then a crop and a removed stray mark",
        {**RECORDS, **PERSON},
        [_gen(LI_PROMPT_1, 1), _edit("cropped the border"), _edit("removed a stray mark")],
        "USCO guidance 2023; Feist",
    ),
    (
        "Substantial editing by hand",
        "one generation, the face and background repainted by hand",
        {**RECORDS, **PERSON, "post_editing": {"extent": "substantial"}},
        [_gen(LI_PROMPT_1, 1), _edit("repainted the face and the background by hand")],
        "Zarya of the Dawn 2023; Changshu 2024",
    ),
    (
        "Details reworked by hand, claimed",
        "short prompts revised twice, then details retouched by hand (intake only)",
        {
            **RECORDS,
            **PERSON,
            "post_editing": {"extent": "moderate", "description": "retouched the details"},
        },
        [
            _gen("two small heart-shaped balloons", 1),
            _gen("one large heart-shaped balloon", 1),
            _gen("one large half-heart-shaped balloon", 1),
        ],
        "Changshu 2024",
    ),
    (
        "Software as an assisting instrument",
        "no logs; the intake says the software only carried out the author's choices",
        {
            **PERSON,
            "tool_role": "assisted",
            "human_contribution": "Set the fractal's formula, its colours and the framing.",
        },
        [],
        "USCO guidance 2023; Cassazione 2023",
    ),
    (
        "Own input that survives",
        "an own sketch as the img2img init at denoising 0.35",
        {**RECORDS, **PERSON},
        [
            {
                "action": "img2img",
                "prompt": LI_PROMPT_1,
                "params": {"seed": 1, "denoise": 0.35},
                "inputs": [{"role": "init", "origin": "own", "name": "my-sketch.png"}],
            }
        ],
        "USCO Part 2 Report 2025; SURYAST 2023",
    ),
    (
        "A bare yes to arrangement",
        "the intake says the outputs were arranged, nothing more",
        {**RECORDS, **PERSON, "arrangement": True},
        [_gen(LI_PROMPT_1, 1)],
        "Feist; USCO guidance 2023",
    ),
    (
        "A text rewritten by its author",
        "a chatbot story, 60% rewritten by hand",
        {**RECORDS, **PERSON, "work_kind": "text", "text_rewritten_share": 0.6},
        [_gen("a short story about a lighthouse keeper", 1)],
        "Feilin v. Baidu 2019; Dreamwriter 2019",
    ),
    (
        "A video made the Li v. Liu way",
        "the Li v. Liu process, for a video",
        {**RECORDS, **PERSON, "work_kind": "video"},
        None,
        "Li v. Liu, by analogy only",
    ),
    (
        "The AI as author",
        "the AI named as the author",
        {**RECORDS, "claimed_author": {"name": "the model", "kind": "ai"}},
        None,
        "Thaler v. Perlmutter; Feilin v. Baidu",
    ),
]
VERDICTS = {
    "protectable": "protectable",
    "partially_protectable": "partially",
    "uncertain": "uncertain",
    "not_protectable": "not protectable",
}


def build_table(rulesets) -> str:
    lines = [
        "| Rule | Scenario | CN | US | EU | UK | Follows |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule, scenario, answers, steps, follows in ROWS:
        logs = [li_v_liu_like()] if steps is None else [log(*steps)] if steps else []
        evidence = extract_evidence(intake(**answers), logs)
        cells = [
            VERDICTS[assess(evidence, rulesets[code], with_what_if=False).verdict]
            for code in ("CN", "US", "EU", "UK")
        ]
        lines.append(f"| {rule} | {scenario} | " + " | ".join(cells) + f" | {follows} |")
    return "\n".join(lines)


def test_the_readme_table_of_rules_is_what_the_rules_answer(rulesets):
    text = README.read_text(encoding="utf-8")
    assert START in text and END in text, "the README has no rules table"
    shown = text.split(START, 1)[1].split(END, 1)[0].strip()
    table = build_table(rulesets)
    assert shown == table, "README rules table is stale; paste:\n" + table

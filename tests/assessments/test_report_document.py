"""The report is a document a lawyer can send: the answer first, the reasoning in prose under the
questions a court asks, a checklist, drafts marked as drafts, a table of authorities; factor
codes only in the appendix; the Chinese version Chinese throughout."""

import re

import pytest
from markupsafe import escape

from assessments.assessment import result_build
from assessments.creation_logs import parse
from assessments.reports.render import render_html
from assessments.rules import Intake
from cases.models import Case
from tests.cases.test_chinese_pages import names_of
from tests.untranslated import english_in_chinese

pytestmark = pytest.mark.django_db

SAMPLES = [
    "comfyui/comfyexamples_inpaint_example.png",
    "comfyui/sdparsers_comfyui_img2img_cropped.png",
    "a1111/enslo_sd-webui.png",
    "a1111/enslo_sd-webui-hires.parameters.txt",
    "fooocus/enslo_ruined-fooocus.png",
    "c2pa/c2papython_C.jpg",
]
INTAKES = [
    {},
    {
        "post_editing": {"extent": "substantial", "description": "repainted the sky by hand"},
        "rounds": 6,
        "prompt_changes": "moved the lighthouse to the left",
        "candidates": 8,
        "selection_reason": "the calmest water",
        "ai_tool_terms_assign_rights_to_user": True,
        "labelled_as_ai": False,
    },
    {"dispute": True, "evidence_contemporaneous": False, "arrangement": True},
]


def _result(samples, files, answers):
    logs = [parse((samples / name).read_bytes(), name.split("/")[-1]) for name in files]
    intake = Intake(jurisdictions=["CN", "US", "EU", "UK"], work_title="Harbour", **answers)
    return result_build(logs=logs, intake=intake)


def _allowed(result) -> list[str]:
    cited = Case.objects.filter(slug__in=list(result.authorities)).prefetch_related(
        "protected_works", "case_factors"
    )
    return [name for case in cited for name in names_of(case)]


@pytest.mark.parametrize("answers", INTAKES, ids=["records only", "claims", "re-created"])
def test_the_chinese_report_has_no_english_prose(loaded_library, samples, answers):
    for name in SAMPLES:
        result = _result(samples, [name], answers)
        html = render_html(result, language="zh", title="Harbour")
        assert english_in_chinese(html, _allowed(result)) == [], name


def test_the_answer_comes_first_and_codes_stay_in_the_appendix(loaded_library, samples):
    result = _result(samples, SAMPLES[:2], INTAKES[1])
    html = render_html(result, language="en", title="Harbour at dusk")
    order = [
        "Harbour at dusk",
        "Draft: not yet reviewed or issued by counsel",
        "1. The answer",
        "2. The reasoning",
        "Is the work original",
        "3. What to do",
        "6. Table of authorities",
        "Appendix: how this was assessed",
        "Appendix: evidence record",
    ]
    positions = [html.index(marker) for marker in order]
    assert positions == sorted(positions)
    body = html[: html.index("Appendix: how this was assessed")]
    visible = re.sub(r"<[^>]+>", " ", body.split("</style>", 1)[1])
    assert not re.search(r"\bF\d{1,2}\b", visible)  # no factor codes before the appendix
    assert not any(slug in visible for slug in result.authorities)  # citations, never slugs
    # Every decision cited is in the table of authorities, as the library cites it.
    table = html[html.index("6. Table of authorities") :]
    for slug, authority in result.authorities.items():
        assert f"/cases/{slug}/" in table
        assert str(escape(authority.citation)) in table
    # Each jurisdiction's answer names the verdict in words, the owner and the confidence.
    answers = html[html.index("1. The answer") : html.index("2. The reasoning")]
    for code in result.jurisdictions:
        name = {"CN": "China", "US": "United States", "EU": "European Union"}.get(
            code, "United Kingdom"
        )
        assert f"{name}: " in answers
    assert answers.count("Who owns it") == len(result.jurisdictions)
    assert answers.count("Confidence") == len(result.jurisdictions)


def test_the_checklist_lists_each_recommendation_once_with_its_jurisdictions(
    loaded_library, samples
):
    result = _result(samples, SAMPLES[:1], {})
    html = render_html(result, language="en")
    todo = html[html.index("3. What to do") : html.index("5. Analogous decisions")]
    texts = {s.text for j in result.jurisdictions.values() for s in j.recommendations}
    for text in texts:
        escaped = text.replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
        assert todo.count(escaped) == 1, text


def test_the_pdf_pages_carry_the_work_the_draft_mark_and_page_x_of_y(loaded_library, samples):
    result = _result(samples, SAMPLES[:1], {})
    english = render_html(result, language="en", title="Harbour", for_pdf=True)
    chinese = render_html(result, language="zh", title="Harbour", for_pdf=True)
    assert '"Page " counter(page) " of " counter(pages)' in english
    assert '"第 " counter(page) " 页，共 " counter(pages) " 页"' in chinese
    assert "string-set: work content()" in english and 'content: "DRAFT"' in english
    assert 'content: "草稿"' in chinese and "《Harbour》" in chinese
    assert "tr { break-inside: avoid; }" in english


@pytest.mark.parametrize("answers", INTAKES, ids=["records only", "claims", "re-created"])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_each_finding_in_the_answer_is_named_once(loaded_library, samples, answers, lang):
    """A rule's finding has its own heading, so "weighing against" never lists the same name
    twice (the factor's measure and the jurisdiction's rule on it are two findings)."""
    for name in SAMPLES:
        html = render_html(_result(samples, [name], answers), language=lang, title="Harbour")
        answer = html[
            html.index('class="answer') : html.index(
                "2. The reasoning" if lang == "en" else "二、理由"
            )
        ]
        for label in (
            ("Weighing against", "Weighing for protection", "Decisive")
            if lang == "en"
            else ("不利于受保护的因素", "支持受保护的因素", "决定性因素")
        ):
            for listed in re.findall(
                re.escape(label) + r"(?:</strong>)?(?::|：)\s*([^.。<]*)", answer
            ):
                names = [n.strip() for n in re.split(r"[;；]", listed) if n.strip()]
                assert len(names) == len(set(names)), (name, label, names)

"""Works that are not single images. China: a comic whose images and text were selected and
arranged is a compilation work (Copyright Law art. 15), whatever each image's protection; a video
or music made the Li v. Liu way is uncertain, because no decision in the library has decided such
a work (the image decisions apply by analogy only)."""

import pytest

from assessments.rules import assess, extract_evidence

from .conftest import LI_PROMPT_1, intake, li_v_liu_like, log

ARRANGED = (
    "Wrote the story and the dialogue, selected forty of the generated panels and arranged them "
    "with my text across twenty pages, choosing the order and the layout."
)
RECORDS = {"evidence_retained": True, "evidence_contemporaneous": True}


def _cn(rulesets, **answers):
    evidence = extract_evidence(
        intake(jurisdictions=["CN"], **answers),
        [log({"action": "generate", "prompt": LI_PROMPT_1})],
    )
    return assess(evidence, rulesets["CN"], with_what_if=False)


def test_a_comic_selected_and_arranged_is_a_compilation_work_in_china(rulesets):
    result = _cn(
        rulesets, work_kind="comic", arrangement=True, human_contribution=ARRANGED, **RECORDS
    )
    assert result.verdict in ("partially_protectable", "protectable")
    assert any("compilation" in e for e in result.protectable_elements)
    assert any("汇编作品" in e for e in result.protectable_elements_zh)
    compilation = [f for f in result.findings if "cn-copyright-law-2020-art-15" in f.citations]
    assert compilation and "汇编作品" in compilation[0].rationale_zh


def test_a_comic_without_a_described_arrangement_is_not_a_compilation(rulesets):
    result = _cn(rulesets, work_kind="comic", arrangement=True, **RECORDS)
    assert not any("compilation" in e for e in result.protectable_elements)
    assert result.verdict != "partially_protectable"


@pytest.mark.parametrize("kind, zh", [("video", "视频"), ("music", "音乐")])
def test_a_video_or_music_made_the_li_v_liu_way_is_uncertain_and_says_why(rulesets, kind, zh):
    image = extract_evidence(intake(work_kind="image", **RECORDS), [li_v_liu_like()])
    assert assess(image, rulesets["CN"], with_what_if=False).verdict == "protectable"
    other = extract_evidence(intake(work_kind=kind, **RECORDS), [li_v_liu_like()])
    result = assess(other, rulesets["CN"], with_what_if=False)
    assert result.verdict == "uncertain" and result.confidence == "low"
    assert result.findings[0].citations == ["cn-bic-li-v-liu-2023"]
    assert kind in result.findings[0].rationale and zh in result.findings[0].rationale_zh
    assert result.filing is None and not result.protectable_elements


def test_tool_terms_that_keep_the_rights_contest_ownership_not_protection(rulesets):
    keep = extract_evidence(
        intake(ai_tool_terms_assign_rights_to_user=False, **RECORDS), [li_v_liu_like()]
    )
    leave = extract_evidence(
        intake(ai_tool_terms_assign_rights_to_user=True, **RECORDS), [li_v_liu_like()]
    )
    kept, left = (assess(e, rulesets["CN"], with_what_if=False) for e in (keep, leave))
    assert kept.verdict == left.verdict == "protectable"
    assert "may be contested" in kept.ownership.text and "争议" in kept.ownership.text_zh
    assert "cn-changshu-lin-companion-heart-2024" in kept.ownership.citations
    assert "contested" not in left.ownership.text


def test_who_operated_the_tool_decides_who_owns_it_as_each_law_says(rulesets):
    def owner(code, operator):
        evidence = extract_evidence(
            intake(
                claimed_author={"name": "Acme Studio Ltd", "kind": "legal_person"},
                operator=operator,
                **RECORDS,
            ),
            [li_v_liu_like()],
        )
        return assess(evidence, rulesets[code], with_what_if=False).ownership

    us_employee = owner("US", "employee")
    assert "work made for hire" in us_employee.text and "Acme Studio Ltd" in us_employee.text
    assert {"us-17-usc-101", "us-17-usc-201-b"} <= set(us_employee.citations)
    us_commissioned = owner("US", "commissioned")
    assert "nine kinds" in us_commissioned.text and "受托人" in us_commissioned.text_zh
    uk_employee = owner("UK", "employee")
    assert "s.11(2)" in uk_employee.text and "雇主 Acme Studio Ltd" in uk_employee.text_zh
    # The claimant operating the tool adds nothing; China and the EU state no operator rule the
    # library supports, so they say nothing of it.
    assert owner("US", "claimant").text == owner("US", None).text
    assert owner("CN", "employee").text == owner("CN", None).text


def test_eu_with_nothing_recorded_is_open_and_lost_in_a_dispute_never_prompting_alone(rulesets):
    """No prompt, setting or edit recorded, only the claimant's account: the EU finding says so
    (OLG Duesseldorf 2026: the claimant must prove the human influence), not "prompting alone"."""
    account = {"human_contribution": "Chose the algorithm, its variables, the colours and framing."}
    open_claim = extract_evidence(intake(jurisdictions=["EU"], **account), [])
    disputed = extract_evidence(intake(jurisdictions=["EU"], dispute=True, **account), [])
    first = assess(open_claim, rulesets["EU"], with_what_if=False)
    assert first.verdict == "uncertain" and first.confidence == "low"
    assert first.findings[0].citations == ["de-olg-duesseldorf-underwater-dog-2026"]
    assert "Prompting alone" not in " ".join(f.rationale for f in first.findings)
    assert assess(disputed, rulesets["EU"], with_what_if=False).verdict == "not_protectable"
    prompted = extract_evidence(
        intake(jurisdictions=["EU"]), [log({"action": "generate", "prompt": LI_PROMPT_1})]
    )
    assert (
        "Prompting alone"
        in assess(prompted, rulesets["EU"], with_what_if=False).findings[0].rationale
    )


def test_an_unnamed_employer_is_the_claimant_not_the_person_who_made_the_choices(rulesets):
    evidence = extract_evidence(intake(operator="employee", **RECORDS), [li_v_liu_like()])
    text = assess(evidence, rulesets["US"], with_what_if=False).ownership.text
    assert "the employer, the claimant, is considered its author" in text


@pytest.mark.parametrize(
    "params", [None, {"steps": 20, "cfg_scale": 7, "width": 512, "height": 512}]
)
def test_a_videos_hand_edits_are_its_authors_whatever_the_parameters_record(rulesets, params):
    """Found by the property that recording a tool's defaults never raises a verdict: a video
    whose details were reworked by hand was "uncertain" without a parameter record and
    "partially protectable" with the defaults recorded. The edits are the person's whatever the
    kind (Changshu); the generated part is excluded only as far as no choice of theirs shows."""
    step = {"action": "generate", "prompt": LI_PROMPT_1}
    if params:
        step["params"] = params
    answers = {"post_editing": {"extent": "moderate"}, "work_kind": "video", "dispute": False}
    result = assess(extract_evidence(intake(**answers), [log(step)]), rulesets["CN"])
    assert result.verdict == "partially_protectable" and result.confidence == "low"
    assert result.excluded_elements == [
        "What the AI generated, as far as the author's choices are not shown in it"
    ]

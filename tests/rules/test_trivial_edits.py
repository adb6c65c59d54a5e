"""Trivial edits are not authorship (USCO registration guidance 2023; Feist): a crop, a removed
mark, a colour tweak make nothing protectable; a described creative rework does. Selection and
arrangement need creative choices, not merely a yes. Removing an AI label or watermark is a risk
of its own in China (Labeling Measures 2025)."""

import pytest

from assessments.rules import assess, extract_evidence
from assessments.rules.evidence import label_removal, trivial_edit

from .conftest import LI_PROMPT_1, intake, log

GEN = {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": 3}}


def _edited(*notes: str):
    return [log(GEN, *[{"action": "edit", "tool": "Photoshop", "note": n} for n in notes])]


@pytest.mark.parametrize(
    "note",
    [
        "cropped the border",
        "removed a stray mark, colour correction",
        "resize and sharpen",
        "裁剪边框，调色",
        "去除水印",
        "levels and curves; white balance",
    ],
)
def test_trivial_operations_are_recognised(note):
    assert trivial_edit(note)


@pytest.mark.parametrize(
    "note",
    [
        "repainted the face and hands by hand",
        "cropped, then painted a new background of a harbour at dusk",
        "重新绘制了人物的面部和服装",
        "added a hand-drawn dragon in the sky",
        "added a spotlight and an industrial skyline",
    ],
)
def test_creative_reworks_are_not_trivial(note):
    assert not trivial_edit(note)


@pytest.mark.parametrize("code", ["US", "EU", "UK"])
def test_a_crop_and_a_removed_mark_make_nothing_partially_protectable(rulesets, code):
    trivial = extract_evidence(intake(), _edited("cropped the border", "removed a stray mark"))
    assert trivial.post_editing.value == 0.0 and trivial.trivial_edits == 2
    result = assess(trivial, rulesets[code], with_what_if=False)
    assert result.verdict != "partially_protectable"
    assert not result.protectable_elements


@pytest.mark.parametrize("code", ["US", "EU", "UK"])
def test_a_described_rework_recorded_twice_counts(rulesets, code):
    rework = extract_evidence(
        intake(),
        _edited("repainted the face and hands by hand", "painted a new background by hand"),
    )
    assert rework.post_editing.value == 1.0 and rework.trivial_edits == 0
    result = assess(rework, rulesets[code], with_what_if=False)
    assert result.verdict == "partially_protectable"


def test_a_bare_yes_to_arrangement_is_a_claim_and_a_described_one_counts(rulesets):
    bare = extract_evidence(intake(arrangement=True), [log(GEN)])
    described = extract_evidence(
        intake(
            arrangement=True,
            human_contribution="Selected twelve of the images and arranged them with my own "
            "text into a picture book, choosing their order and layout on each page.",
        ),
        [log(GEN)],
    )
    assert bare.arrangement.value == 0.5
    assert "not said" in bare.arrangement.facts[-1].quote
    assert described.arrangement.value == 1.0
    us = rulesets["US"]
    assert assess(bare, us, with_what_if=False).verdict == "not_protectable"
    assert assess(described, us, with_what_if=False).verdict == "partially_protectable"


def test_label_removal_is_recognised_and_not_confused_with_ordinary_edits():
    assert label_removal("removed the watermark")
    assert label_removal("去除了水印和标识")
    assert label_removal("stripped the C2PA metadata before posting")
    assert not label_removal("removed a stray mark")
    assert not label_removal("added a label to the bottle in the picture")


def test_china_flags_a_removed_ai_label_as_a_risk_with_its_authority(rulesets):
    removed = extract_evidence(intake(), _edited("removed the watermark"))
    result = assess(removed, rulesets["CN"], with_what_if=False)
    risks = [f for f in result.findings if f.effect == "risk"]
    assert risks and risks[0].citations == ["cn-cac-labeling-measures-2025"]
    assert "removed the watermark" in risks[0].rationale
    assert "《人工智能生成合成内容标识办法》禁止恶意删除" in risks[0].rationale_zh
    assert any("malicious removal" in r.text for r in result.recommendations)
    kept = extract_evidence(intake(), _edited("removed a stray mark"))
    assert not [f for f in assess(kept, rulesets["CN"]).findings if f.effect == "risk"]


@pytest.mark.parametrize(
    "note",
    [
        "repainted the face by hand to remove an artefact",
        "redrew the whole figure at higher contrast",
        "hand-painted a new border of flowers",
        "重新绘制了人物的眼睛并调色",
    ],
)
def test_a_creative_rework_that_mentions_a_trivial_word_is_not_trivial(note):
    assert not trivial_edit(note)


def test_toggling_settings_back_and_forth_is_not_revising():
    steps = [
        {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": n, "steps": 20 + n % 2}}
        for n in range(8)
    ]
    evidence = extract_evidence(intake(), [log(*steps)])
    assert evidence.refinement.count == 1  # 20 -> 21 once; the flips back count nothing


def test_a_third_partys_control_image_is_not_the_authors_regional_control():
    step = {
        "action": "img2img",
        "prompt": LI_PROMPT_1,
        "params": {"controlnets": [{"model": "canny", "weight": 1.0}]},
        "inputs": [{"role": "control", "origin": "third_party", "name": "stock.jpg"}],
    }
    evidence = extract_evidence(intake(), [log(step, step, step)])
    assert not evidence.localised.at_least(0.6)
    own = {**step, "inputs": [{"role": "control", "origin": "own", "name": "my-pose.png"}]}
    assert extract_evidence(intake(), [log(own, own, own)]).localised.value == 1.0

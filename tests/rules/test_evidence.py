"""Each factor's measurement on small hand-written logs."""

from assessments.rules import extract_evidence
from assessments.rules.ruleset import measures

from .conftest import generic_prompt, intake, li_v_liu_like, log

PERCEPTIBLE_DENOISE_MAX = measures().number("perceptible_denoise_max")


def test_generic_quality_words_fix_no_expression():
    evidence = extract_evidence(None, [generic_prompt()])
    assert evidence.specificity.value == 0.0
    assert evidence.elements == {}


def test_expressive_elements_by_category_in_english_and_chinese():
    evidence = extract_evidence(
        None,
        [
            log(
                {
                    "action": "generate",
                    "prompt": "一个穿着红色连衣裙的少女，站在雪山前，逆光，水彩风格，特写",
                }
            )
        ],
    )
    assert {
        "subject",
        "appearance",
        "pose",
        "background",
        "lighting",
        "style",
        "composition",
        "colour",
    } <= set(evidence.elements)
    assert evidence.specificity.value == 1.0
    assert evidence.specificity.facts[0].step == 0


def test_parameters_refinement_and_selection_of_a_li_v_liu_process():
    evidence = extract_evidence(None, [li_v_liu_like()])
    assert evidence.parameters.value == 1.0
    assert evidence.refinement.value == 1.0
    assert any("prompt revised" in f.quote for f in evidence.refinement.facts)
    assert evidence.selection.value == 1.0
    assert evidence.quality.with_timestamp == 5
    assert evidence.quality.reproducible is True


def test_a_single_generation_has_no_refinement_or_selection():
    evidence = extract_evidence(None, [generic_prompt()])
    assert evidence.refinement.value == 0.0
    assert evidence.selection.value == 0.0


def test_localised_control_counts_inpainting_and_controlnet():
    evidence = extract_evidence(
        None,
        [
            log(
                {"action": "generate", "prompt": "a castle"},
                {
                    "action": "inpaint",
                    "prompt": "a red flag on the tower",
                    "inputs": [{"role": "mask", "origin": "own"}],
                },
                {"action": "inpaint", "prompt": "a dragon on the wall"},
                {"action": "outpaint", "prompt": "more sky"},
            )
        ],
    )
    assert evidence.localised.value == 1.0
    assert "a red flag on the tower" in evidence.localised.facts[0].quote


def test_own_input_is_perceptible_only_at_low_denoise():
    low = extract_evidence(
        None,
        [
            log(
                {
                    "action": "img2img",
                    "prompt": "ink wash",
                    "params": {"denoise": PERCEPTIBLE_DENOISE_MAX},
                    "inputs": [{"role": "init", "origin": "own", "name": "my-sketch.png"}],
                }
            )
        ],
    )
    high = extract_evidence(
        None,
        [
            log(
                {
                    "action": "img2img",
                    "prompt": "ink wash",
                    "params": {"denoise": 0.95},
                    "inputs": [{"role": "init", "origin": "own", "name": "my-sketch.png"}],
                }
            )
        ],
    )
    assert low.own_input.value == 1.0
    assert high.own_input.value == 0.3
    assert "my-sketch.png" in low.own_input.facts[0].quote


def test_intake_answers_are_unknown_when_missing_never_no():
    evidence = extract_evidence(intake(), [generic_prompt()])
    assert evidence.post_editing.value is None
    assert evidence.arrangement.value is None
    assert evidence.tool_terms.value is None
    answered = extract_evidence(
        intake(
            post_editing={"extent": "substantial", "description": "repainted the face"},
            arrangement=True,
            ai_tool_terms_assign_rights_to_user=False,
        ),
        [generic_prompt()],
    )
    # Substantial editing that no recorded edit step shows is the intake's claim.
    assert answered.post_editing.value == 0.75 and answered.post_editing.claimed
    assert "repainted the face" in answered.post_editing.facts[0].quote
    # A bare yes is a claim: what was selected and arranged is not said.
    assert answered.arrangement.value == 0.5
    assert answered.tool_terms.value == 0.0


def test_evidence_quality_and_re_creation(samples):
    from assessments.creation_logs import parse

    png = samples / "a1111" / "enslo_sd-webui.png"
    recorded = extract_evidence(intake(), [parse(png.read_bytes(), png.name)] * 3)
    assert recorded.evidence_quality.value > 0.7  # the tool's own records
    typed = extract_evidence(intake(), [li_v_liu_like()])
    # A log the user typed is a claim of the process: never adequate records on its own.
    assert 0 < typed.evidence_quality.value < 0.7
    assert any("typed by the user" in f.quote for f in typed.evidence_quality.facts)
    redo = extract_evidence(intake(evidence_contemporaneous=False), [li_v_liu_like()])
    assert redo.quality.re_creation
    assert redo.evidence_quality.value == 0.0
    nothing = extract_evidence(intake(evidence_retained=False), [])
    assert nothing.quality.process_records is False


def test_llm_expanded_prompts_do_not_count_as_typed_text():
    evidence = extract_evidence(
        None,
        [
            log(
                {
                    "action": "generate",
                    "prompt": "a girl, red dress, sunset beach, oil painting, close-up, rim light",
                    "prompt_author": "llm_expansion",
                }
            )
        ],
    )
    assert evidence.specificity.value == 0.0


def test_negative_prompts_are_not_screened():
    evidence = extract_evidence(
        None, [log({"action": "generate", "prompt": "a hero", "negative_prompt": "ultraman"})]
    )
    assert all("ultraman" not in t.text for t in evidence.screen)

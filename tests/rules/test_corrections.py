"""The corrections this version makes to what the evidence counts, each in both directions."""

import pytest

from assessments.rules import extract_evidence

from .conftest import LI_PROMPT_1, intake, log

PARAMS = {"steps": 30, "cfg_scale": 7, "sampler": "Euler a", "width": 768, "height": 1024}


def _generate(prompt: str, seed: int, **params) -> dict:
    return {"action": "generate", "prompt": prompt, "params": {**PARAMS, **params, "seed": seed}}


def test_seed_only_rerolls_are_not_revisions():
    rerolled = extract_evidence(intake(), [log(*[_generate(LI_PROMPT_1, s) for s in range(10)])])
    assert rerolled.refinement.count == 0 and rerolled.rerolls == 9
    assert not rerolled.refinement.at_least(0.5)
    revised = extract_evidence(
        intake(),
        [
            log(
                _generate(LI_PROMPT_1, 1),
                _generate(LI_PROMPT_1 + ", red umbrella, rain", 1),
                _generate(LI_PROMPT_1 + ", red umbrella, rain, low angle", 1),
            )
        ],
    )
    assert revised.refinement.count == 2 and revised.rerolls == 0


@pytest.mark.parametrize(
    "cosmetic",
    [
        LI_PROMPT_1.upper(),
        ", ".join(reversed(LI_PROMPT_1.split(", "))),
        "(" + LI_PROMPT_1.replace(", ", ":1.2), (") + ":1.1)",
        LI_PROMPT_1 + ", masterpiece, best quality, 8k",
        "  " + LI_PROMPT_1.replace(", ", " ,  ") + "  ",
    ],
)
def test_cosmetic_edits_of_a_prompt_are_not_revisions(cosmetic):
    evidence = extract_evidence(intake(), [log(_generate(LI_PROMPT_1, 1), _generate(cosmetic, 2))])
    assert evidence.refinement.count == 0


def test_changed_settings_are_a_revision_but_a_new_seed_is_not():
    changed = extract_evidence(
        intake(), [log(_generate(LI_PROMPT_1, 1), _generate(LI_PROMPT_1, 1, cfg_scale=4))]
    )
    assert changed.refinement.count == 1
    seed = extract_evidence(intake(), [log(_generate(LI_PROMPT_1, 1), _generate(LI_PROMPT_1, 2))])
    assert seed.refinement.count == 0 and seed.rerolls == 1


def test_candidates_without_a_reason_are_not_a_selection():
    many = extract_evidence(intake(), [log(*[_generate(LI_PROMPT_1, s) for s in range(4)])])
    assert many.candidates == 4 and not many.selection.at_least(0.5)
    chosen = extract_evidence(
        intake(),
        [log(_generate(LI_PROMPT_1, 1), {"action": "select", "selected": ["b.png"]})],
    )
    assert chosen.selection.at_least(0.5)


def test_a_typed_log_does_not_stand_for_records_the_intake_says_were_not_kept():
    typed = log(_generate(LI_PROMPT_1, 1), _generate(LI_PROMPT_1 + ", red umbrella", 1))
    assert any(w.code == "user_supplied" for w in typed.warnings)
    not_kept = extract_evidence(intake(evidence_retained=False), [typed])
    assert not_kept.quality.process_records is False
    kept = extract_evidence(intake(evidence_retained=True), [typed])
    assert kept.quality.process_records is True


def test_how_much_was_edited_is_what_the_intake_says():
    edits = [{"action": "edit", "note": f"touch-up {n}"} for n in range(3)]
    minor = extract_evidence(
        intake(post_editing={"extent": "minor", "description": "crop and a stray mark"}),
        [log(_generate(LI_PROMPT_1, 1), *edits)],
    )
    assert minor.post_editing.value == pytest.approx(0.3) and minor.post_editing.count == 3
    substantial = extract_evidence(
        intake(post_editing={"extent": "substantial", "description": "repainted the figure"}),
        [log(_generate(LI_PROMPT_1, 1), edits[0])],
    )
    assert substantial.post_editing.at_least(0.6)


def test_no_setting_recorded_leaves_parameter_control_unknown():
    bare = extract_evidence(intake(), [log({"action": "generate", "prompt": LI_PROMPT_1})])
    assert bare.parameters.value is None
    set_ = extract_evidence(intake(), [log(_generate(LI_PROMPT_1, 1))])
    assert (
        set_.parameters.value is not None and set_.parameters.count == 5
    )  # seed, steps, cfg, sampler, size


@pytest.mark.parametrize("code", ["CN", "US", "EU", "UK"])
def test_a_company_is_never_called_a_natural_person(rulesets, code):
    from assessments.rules import assess

    company = extract_evidence(
        intake(claimed_author={"name": "Acme Studio Ltd", "kind": "legal_person"}),
        [log(_generate(LI_PROMPT_1, 1))],
    )
    owner = assess(company, rulesets[code], with_what_if=False).ownership
    assert "Acme Studio Ltd" in owner.text
    assert "natural person" not in owner.text.replace("Only a natural person", "")
    person = extract_evidence(
        intake(claimed_author={"name": "Li", "kind": "natural_person"}),
        [log(_generate(LI_PROMPT_1, 1))],
    )
    assert assess(person, rulesets[code], with_what_if=False).ownership.text != owner.text

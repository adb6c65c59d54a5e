"""The intake asks for the facts that decide and that the logs may not show. Each counts as a
claim: it weighs less than a record of the same fact, it is quoted as "claimed, not recorded"
with the record that would prove it, a claim the logs contradict is reported, and records all
dated after the dispute began are a re-creation."""

from datetime import date

from assessments.rules import assess, extract_evidence
from assessments.rules.ruleset import measures

from .conftest import LI_PROMPT_1, LI_PROMPT_2, intake, li_v_liu_like, log

WEIGHT = measures().number("claimed_weight")
CLIENT = {
    "rounds": 38,
    "prompt_changes": "added the lantern, moved the figure left, changed the light to dusk",
    "candidates": 400,
    "selection_reason": "the only one where the figure's gaze meets the lantern",
    "regional_edits": 6,
    "own_inputs": True,
    "own_input_description": "my pencil sketch of the composition as the init, kept at 0.35",
    "evidence_retained": True,
    "evidence_contemporaneous": True,
}
FINAL = {"action": "generate", "prompt": LI_PROMPT_2, "params": {"seed": 5, "steps": 30}}


def test_the_lawyers_client_is_heard_on_every_fact_the_logs_do_not_show(rulesets):
    """38 rounds, ~400 candidates, six hand-masked inpaints and an own sketch, with only the final
    image's metadata: none of it is "no choice among candidates is recorded"."""
    bare = extract_evidence(intake(evidence_retained=True), [log(FINAL)])
    told = extract_evidence(intake(**CLIENT), [log(FINAL)])
    for field in ("refinement", "selection", "localised", "own_input"):
        measure = getattr(told, field)
        assert measure.value == WEIGHT, field
        assert measure.facts[0].quote.startswith("claimed, not recorded"), field
        assert "would prove" in measure.facts[0].quote, field
        assert (getattr(bare, field).value or 0) < measure.value, field
    for code in ("CN", "US", "EU"):
        before = assess(bare, rulesets[code], with_what_if=False)
        after = assess(told, rulesets[code], with_what_if=False)
        assert after.score >= before.score, code
    assert assess(told, rulesets["US"], with_what_if=False).verdict == "partially_protectable"


def test_a_claim_weighs_less_than_the_same_fact_recorded():
    recorded = extract_evidence(intake(), [li_v_liu_like()])
    claimed = extract_evidence(intake(rounds=3), [log(FINAL)])
    assert recorded.refinement.value == 1.0
    assert claimed.refinement.value == WEIGHT < recorded.refinement.value
    both = extract_evidence(intake(rounds=3), [li_v_liu_like()])
    assert both.refinement.value == 1.0  # the record stands; the claim is quoted beside it


def test_a_claim_the_logs_contradict_is_reported():
    steps = [
        {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": 1}},
        {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": 2}},
        {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": 3}},
    ]
    evidence = extract_evidence(intake(rounds=20), [log(*steps)])
    quotes = [f.quote for f in evidence.refinement.facts]
    assert any("the intake claims 20 rounds of revision; the logs record 0" in q for q in quotes)


def test_a_bare_count_of_candidates_without_why_one_was_kept_is_not_a_selection():
    evidence = extract_evidence(intake(candidates=400), [log(FINAL)])
    assert not evidence.selection.at_least(0.5)


def test_records_all_dated_after_the_dispute_began_are_a_re_creation(rulesets):
    dated = [
        {**FINAL, "at": "2025-06-02T10:00:00Z"},
        {**FINAL, "prompt": LI_PROMPT_1, "at": "2025-06-03T10:00:00Z"},
    ]
    before = extract_evidence(
        intake(dispute=True, dispute_began_on=date(2025, 7, 1)), [log(*dated)]
    )
    after = extract_evidence(intake(dispute=True, dispute_began_on=date(2025, 6, 1)), [log(*dated)])
    assert not before.quality.re_creation
    assert after.quality.re_creation and after.quality.contemporaneous is False
    assert any(
        "after the dispute began on 2025-06-01" in f.quote for f in after.evidence_quality.facts
    )
    assert assess(after, rulesets["CN"], with_what_if=False).verdict == "not_protectable"


def test_for_a_text_the_share_rewritten_is_the_modification(rulesets):
    half = extract_evidence(intake(work_kind="text", text_rewritten_share=0.6), [log(FINAL)])
    little = extract_evidence(intake(work_kind="text", text_rewritten_share=0.1), [log(FINAL)])
    assert half.post_editing.at_least(0.6) and not little.post_editing.at_least(0.6)
    assert "60% of the text" in half.post_editing.facts[0].quote


def test_another_work_merged_into_the_timeline_is_reported_not_counted():
    cat = {
        "action": "generate",
        "model": "sdxl_base",
        "prompt": "closeup photograph of a maine coon in the mountains",
        "params": {"seed": 1},
    }
    car = {
        "action": "generate",
        "model": "anime_v3",
        "prompt": "red sports car racing through neon tokyo at night",
        "params": {"seed": 2},
    }
    evidence = extract_evidence(intake(), [log(cat, car)])
    assert evidence.refinement.count == 0 and evidence.possibly_unrelated == 1
    assert "possibly a different work" in evidence.refinement.facts[0].quote
    same_model = extract_evidence(intake(), [log(cat, {**car, "model": "sdxl_base"})])
    assert same_model.refinement.count == 1  # a new prompt with the same model is a revision


def test_a_contradicted_claim_is_not_counted_and_a_claim_alone_is_low_confidence(rulesets):
    rerolled = [
        {"action": "generate", "prompt": LI_PROMPT_2, "params": {"seed": n}} for n in range(10)
    ]
    plain = extract_evidence(intake(**CLIENT | {"rounds": None}), [log(*rerolled)])
    claimed = extract_evidence(intake(rounds=20), [log(*rerolled)])
    assert claimed.refinement.value == plain.refinement.value == 0.0
    assert not claimed.refinement.claimed
    told = extract_evidence(intake(**CLIENT), [log(FINAL)])
    for code in ("CN", "US", "EU", "UK"):
        assert assess(told, rulesets[code], with_what_if=False).confidence == "low", code


def test_the_creation_statement_states_only_what_the_records_show(rulesets):
    told = extract_evidence(
        intake(**CLIENT, claimed_author={"name": "Li", "kind": "natural_person"}),
        [li_v_liu_like()],
    )
    result = assess(told, rulesets["CN"], with_what_if=False)
    assert result.filing is not None and result.filing.creation_statement_zh
    assert "38" not in result.filing.creation_statement_zh
    assert told.refinement.value == 1.0 and not told.refinement.claimed


def test_steps_recorded_after_the_dispute_began_are_not_the_process():
    before = {**FINAL, "prompt": LI_PROMPT_1, "at": "2025-05-01T10:00:00Z"}
    later = [
        {**FINAL, "prompt": f"{LI_PROMPT_2}, variation {n}", "at": "2025-07-02T10:00:00Z"}
        for n in range(4)
    ]
    disputed = extract_evidence(
        intake(dispute=True, dispute_began_on=date(2025, 7, 1)), [log(before, *later)]
    )
    assert disputed.refinement.count == 0
    assert not disputed.quality.re_creation  # one record predates the dispute
    assert any("4 of the 5 dated steps" in f.quote for f in disputed.evidence_quality.facts)
    undisputed = extract_evidence(intake(), [log(before, *later)])
    assert undisputed.refinement.count == 4

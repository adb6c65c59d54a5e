"""The corrections this version makes to what the evidence counts, each in both directions."""

import pytest

from assessments.rules import assess, extract_evidence
from assessments.rules.retellings import STRENGTH

from .conftest import LI_PROMPT_1, LI_PROMPT_2, intake, log

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
    # Steps 30 and 768x1024 differ from AUTOMATIC1111's defaults (20, 512x512); CFG 7 is its
    # default; its default sampler changed between releases, so "Euler a" counts neither way;
    # a seed recorded once is random.
    assert set_.parameters.count == 2
    quotes = " ".join(f.quote for f in set_.parameters.facts)
    assert "steps 30 (the tool's default is 20)" in quotes and "768x1024" in quotes
    assert "cfg" not in quotes and "seed" not in quotes


def _defaults(prompt: str, seed: int) -> dict:
    settings = {"steps": 20, "cfg_scale": 7, "width": 512, "height": 512}
    return {"action": "generate", "prompt": prompt, "params": {**settings, "seed": seed}}


def test_defaults_are_not_choices(rulesets):
    """The tool's defaults recorded on every image show no control: parameter control is 0, and
    recording them never raises a score above the same log without them."""
    at_defaults = extract_evidence(intake(), [log(_defaults(LI_PROMPT_1, 7))])
    assert at_defaults.parameters.value == 0.0
    assert "defaults" in at_defaults.parameters.facts[0].quote
    without = extract_evidence(intake(), [log({"action": "generate", "prompt": LI_PROMPT_1})])
    for code, ruleset in rulesets.items():
        with_defaults = assess(at_defaults, ruleset, with_what_if=False)
        bare = assess(without, ruleset, with_what_if=False)
        assert with_defaults.score <= bare.score, code
        assert STRENGTH[with_defaults.verdict] <= STRENGTH[bare.verdict], code


def test_a_change_from_the_default_is_a_choice_and_an_unknown_default_counts_neither():
    changed = extract_evidence(
        intake(),
        [log({**_defaults(LI_PROMPT_1, 7), "params": {"steps": 45, "cfg_scale": 11, "seed": 7}})],
    )
    assert changed.parameters.count == 2
    unknown_tool = extract_evidence(
        intake(),
        [log({**_defaults(LI_PROMPT_1, 7), "model": "dreamshaper_8"}, tool="SomeNewTool")],
    )
    assert unknown_tool.parameters.value is None  # neither: this tool's defaults are unknown
    a1111 = extract_evidence(
        intake(), [log({**_defaults(LI_PROMPT_1, 7), "model": "dreamshaper_8"})]
    )
    assert a1111.parameters.count == 1  # a checkpoint chosen instead of the default one
    default_model = extract_evidence(
        intake(), [log({**_defaults(LI_PROMPT_1, 7), "model": "v1-5-pruned-emaonly"})]
    )
    assert default_model.parameters.value == 0.0


def test_a_seed_counts_only_when_held_fixed_while_the_prompt_changes():
    fixed = extract_evidence(
        intake(),
        [log(_defaults(LI_PROMPT_1, 42), _defaults(LI_PROMPT_1 + ", red umbrella, rain", 42))],
    )
    assert any("seed 42 held fixed" in f.quote for f in fixed.parameters.facts)
    random_each_time = extract_evidence(
        intake(),
        [log(_defaults(LI_PROMPT_1, 42), _defaults(LI_PROMPT_1 + ", red umbrella, rain", 43))],
    )
    assert not any("seed" in f.quote for f in random_each_time.parameters.facts)
    rerolled = extract_evidence(
        intake(), [log(_defaults(LI_PROMPT_1, 42), _defaults(LI_PROMPT_1, 42))]
    )
    assert not any("seed" in f.quote for f in rerolled.parameters.facts)


def test_the_defaults_of_comfyui_and_fooocus_are_read_from_real_files(samples):
    """Real files at their tool's defaults: ComfyUI's example img2img graph keeps KSampler's 20
    steps and cfg 8 and the default checkpoint; the Fooocus sample keeps 30 steps, guidance 4,
    its sampler and scheduler, and changes the size."""
    from assessments.creation_logs import parse

    comfy = samples / "comfyui" / "comfyexamples_img2img_workflow.png"
    evidence = extract_evidence(intake(), [parse(comfy.read_bytes(), comfy.name)])
    quotes = " ".join(f.quote for f in evidence.parameters.facts)
    assert "steps" not in quotes and "cfg" not in quotes and "model" not in quotes
    assert "sampler dpmpp_2m (the tool's default is euler)" in quotes
    fooocus = samples / "fooocus" / "sdparsers_fooocus1_cropped.png"
    evidence = extract_evidence(intake(), [parse(fooocus.read_bytes(), fooocus.name)])
    quotes = " ".join(f.quote for f in evidence.parameters.facts)
    assert "size 768x1280" in quotes
    assert "steps" not in quotes and "cfg" not in quotes and "sampler" not in quotes


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


def test_one_prompt_counts_once():
    """A single prompt (or one re-rolled) measures specificity; it is not also the plan made
    before any output was seen. A first prompt revised later is that plan."""
    single = extract_evidence(intake(), [log(_generate(LI_PROMPT_1, 1), _generate(LI_PROMPT_1, 2))])
    assert single.specificity.value is not None and single.conception.value is None
    revised = extract_evidence(
        intake(),
        [log(_generate(LI_PROMPT_1, 1), _generate(LI_PROMPT_1 + ", low angle, oil painting", 2))],
    )
    assert revised.specificity.facts[0].step == 1
    assert revised.conception.value is not None and revised.conception.facts[0].step == 0


def test_comfyuis_own_example_prompts_are_not_the_users():
    """ComfyUI's default workflow runs with its example prompt and negative: neither is the
    user's text or choice. A prompt the user wrote into the same graph is."""
    default = {
        "action": "generate",
        "tool": "ComfyUI",
        "prompt": "beautiful scenery nature glass bottle landscape, , purple galaxy bottle,",
        "negative_prompt": "text, watermark",
        "params": {"seed": 1, "steps": 20, "cfg_scale": 8, "sampler": "euler"},
    }
    evidence = extract_evidence(intake(), [log(default, tool="ComfyUI")])
    assert evidence.specificity.value in (None, 0.0)
    assert evidence.parameters.value == 0.0
    own = {**default, "prompt": LI_PROMPT_1, "negative_prompt": "blurry, monochrome, crowd"}
    mine = extract_evidence(intake(), [log(own, tool="ComfyUI")])
    assert mine.specificity.value and mine.parameters.count == 1


BALLOONS = ["two small heart-shaped balloons", "one large heart-shaped balloon"]
BALLOONS.append("one large half-heart-shaped balloon")


def _refined_then(extent: str, description: str, rulesets):
    """A short prompt revised twice (Changshu's pattern), then edited by hand as the intake says,
    with the records kept."""
    answers = {
        "evidence_retained": True,
        "evidence_contemporaneous": True,
        "claimed_author": {"name": "A. Author", "kind": "natural_person"},
        "post_editing": {"extent": extent, "description": description},
    }
    steps = [{"action": "generate", "prompt": p} for p in BALLOONS]
    evidence = extract_evidence(intake(**answers), [log(*steps, tool="Midjourney")])
    return {code: assess(evidence, rulesets[code], with_what_if=False) for code in ("CN", "US")}


def test_details_reworked_by_hand_count_where_a_crop_does_not(rulesets):
    """Changshu 2024: iterated prompts and details modified by hand made the image a work; a
    crop and a colour correction are not authorship (USCO guidance; Feist)."""
    detail = _refined_then("moderate", "retouched the balloon's edges and the water", rulesets)
    china = detail["CN"]
    assert china.verdict == "protectable"
    # The editing is the intake's claim: the verdict rests on it, at low confidence.
    assert china.confidence == "low"
    assert detail["US"].verdict == "partially_protectable"
    crop = _refined_then("minor", "cropped the border and corrected the colour", rulesets)
    assert crop["CN"].verdict == "uncertain"
    assert crop["US"].verdict == "not_protectable"


PROMPTS = ["a balloon", "a red balloon", "a red balloon on water"]
EDITED = {
    "evidence_retained": True,
    "evidence_contemporaneous": True,
    "post_editing": {"extent": "moderate", "description": "repainted the balloon's knot"},
}


def test_iterated_prompts_and_hand_edits_are_the_changshu_route(rulesets):
    """The rule Changshu states (prompts revised round by round, then details modified by hand)
    decides even where the prompts fix few elements and the prompt side falls below the share
    the core route asks for; without the revisions it does not."""
    from assessments.rules.jurisdictions import cn

    # Each prompt rolled on three seeds at the tool's defaults: candidates that nothing explains
    # the choice of, settings that are no choice.
    steps = [_defaults(p, seed) for p in PROMPTS for seed in range(3)]
    decision = cn.decide(extract_evidence(intake(**EDITED), [log(*steps)]), rulesets["CN"])
    assert decision.verdict == "protectable"
    assert decision.findings[0].factor == "F4+F8"
    assert decision.findings[0].citations == ["cn-changshu-lin-companion-heart-2024"]
    rerolled = [_defaults(PROMPTS[-1], seed) for seed in range(9)]
    once = cn.decide(extract_evidence(intake(**EDITED), [log(*rerolled)]), rulesets["CN"])
    assert once.verdict != "protectable"


ASSISTED = {
    "claimed_author": {"name": "A. Author", "kind": "natural_person"},
    "human_contribution": "Set the fractal's formula, its variables, the colours and the framing.",
    "tool_role": "assisted",
}


@pytest.mark.parametrize(
    ("code", "authority"),
    [("EU", "it-cass-rai-scent-of-the-night-2023"), ("US", "us-usco-registration-guidance-2023")],
)
def test_software_that_carried_out_the_authors_choices_is_an_instrument(rulesets, code, authority):
    """Cassazione 2023 and Painer (EU), the Registration Guidance (US): a work made with software
    as an assisting instrument is the author's, on the claimant's account (low confidence)."""
    assisted = assess(extract_evidence(intake(**ASSISTED), []), rulesets[code], with_what_if=False)
    assert assisted.verdict == "protectable" and assisted.confidence == "low"
    assert authority in assisted.findings[0].citations
    # The near misses: the tool generated the content; or the logs record generations from
    # prompts alone, which contradict the claim (reported, not counted).
    generated = intake(**{**ASSISTED, "tool_role": "generated"})
    assert assess(extract_evidence(generated, []), rulesets[code]).verdict != "protectable"
    prompted = extract_evidence(intake(**ASSISTED), [log(_generate(LI_PROMPT_1, 1))])
    assert prompted.tool_assisted is False
    assert "generation(s) from prompts alone" in prompted.evidence_quality.facts[0].quote
    assert assess(prompted, rulesets[code], with_what_if=False).verdict != "protectable"


def test_an_assisted_claim_with_no_account_of_the_choices_is_not_counted(rulesets):
    bare = extract_evidence(intake(**{**ASSISTED, "human_contribution": None}), [])
    assert bare.tool_assisted is None
    assert assess(bare, rulesets["EU"], with_what_if=False).verdict != "protectable"


@pytest.mark.parametrize(
    "stock",
    [
        # NovelAI's default Undesired Content preset (as its images record it)
        "nsfw, lowres, artistic error, film grain, scan artifacts, worst quality, bad quality, "
        "jpeg artifacts, very displeasing, chromatic aberration, dithering, halftone, screentone, "
        "multiple views, logo, too many watermarks, negative space, blank page",
        # the stock negative copied from model card to model card
        "lowres, bad anatomy, bad hands, text, error, missing fingers, extra digit, fewer digits, "
        "cropped, worst quality, low quality, normal quality, jpeg artifacts, signature, "
        "watermark, username, blurry",
        "(worst quality:1.4), (low quality:1.4), 低质量, 水印",
    ],
)
def test_a_stock_negative_prompt_is_no_choice_but_one_about_the_picture_is(stock):
    def negative(text):
        step = {**_generate(LI_PROMPT_1, 1, steps=20, cfg_scale=7), "negative_prompt": text}
        step["params"] |= {"width": 512, "height": 512}
        return extract_evidence(intake(), [log(step)]).parameters

    assert negative(stock).count == 0
    own = negative(stock + ", monochrome, outdoors")
    assert own.count == 1 and "monochrome" in own.facts[0].quote


def _named(prompt: str, seed: int, name: str) -> dict:
    return {**_generate(prompt, seed), "outputs": [{"name": name}]}


def test_generations_after_the_final_file_are_not_the_works_process():
    """The user marks the final image: later generations (another work explored in the same
    session) are reported and not counted as rounds; an edit of the final stays."""
    steps = [
        _named(LI_PROMPT_1, 1, "a.png"),
        _named(LI_PROMPT_2, 1, "b.png"),
        _named("a red sports car on a mountain road, sunset", 7, "car-1.png"),
        _named("a red sports car on a mountain road, night, rain", 7, "car-2.png"),
        {"action": "edit", "note": "repainted the hair by hand"},
    ]
    marked = extract_evidence(intake(final_file="B.PNG"), [log(*steps)])
    assert marked.refinement.count == 1 and marked.generations == 2
    assert "2 generation(s) recorded after the final file B.PNG" in (
        marked.evidence_quality.facts[0].quote
    )
    assert marked.post_editing.value is not None  # the edit after the final is kept
    unmarked = extract_evidence(intake(), [log(*steps)])
    assert unmarked.generations == 4


def test_a_final_file_no_record_names_is_reported():
    evidence = extract_evidence(
        intake(final_file="final.png"), [log(_named(LI_PROMPT_1, 1, "a.png"))]
    )
    assert "the final file final.png is not among the files" in (
        evidence.evidence_quality.facts[0].quote
    )


def test_claimed_editing_names_its_hours_its_files_and_the_record_that_would_prove_it():
    answers = {"extent": "substantial", "description": "repainted the figure", "hours": 6}
    evidence = extract_evidence(
        intake(post_editing={**answers, "before_after_files": True}),
        [log(_generate(LI_PROMPT_1, 1))],
    )
    assert evidence.post_editing.claimed
    quote = evidence.post_editing.facts[0].quote
    assert quote.startswith("claimed, not recorded: post-editing substantial: repainted")
    assert (
        "6 hours of editing by hand" in quote and "before and after the editing are kept" in quote
    )
    assert "would prove it" in quote

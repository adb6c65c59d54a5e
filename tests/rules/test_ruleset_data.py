"""The ruleset files hold every number and description the logic uses: the loader refuses a file
that lacks one, a scale whose bands do not rise, and a measures file without a normaliser; the
result shows the scale's band for its score and the raw counts behind the measures."""

import json
import re

import pytest
from pydantic import ValidationError

from assessments.rules import extract_evidence, vocabulary
from assessments.rules.engine import assess, assess_all
from assessments.rules.ruleset import RULESET_DIR, Measures, Ruleset, measures

from .conftest import LI_PROMPT_1, LI_PROMPT_2, intake, li_v_liu_like, log


def _data(name: str) -> dict:
    return json.loads((RULESET_DIR / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, change, problem",
    [
        ("cn.json", lambda d: d["groups"].pop("core"), "groups"),
        ("us.json", lambda d: d["texts"].pop("ai_material"), "texts"),
        ("eu.json", lambda d: d["groups"].update(scored=["F2", "F3"]), "names factors it has not"),
        ("uk.json", lambda d: d["scale"]["bands"].reverse(), "bands must start at 0 and rise"),
        ("cn.json", lambda d: d["scale"].pop("basis"), "basis"),
        (
            "us.json",
            lambda d: d["texts"]["F6"].update(en="region {x}", zh="区域{x}"),
            "unknown placeholders",
        ),
    ],
)
def test_a_ruleset_without_what_its_logic_reads_fails_to_load(name, change, problem):
    data = _data(name)
    change(data)
    with pytest.raises(ValidationError, match=problem):
        Ruleset.model_validate(data)


@pytest.mark.parametrize(
    "change, problem",
    [
        (lambda d: d["numbers"].pop("full_refinement_rounds"), "full_refinement_rounds"),
        (lambda d: d["numbers"]["records_adequate"].update(basis="x"), "basis"),
        (lambda d: d["factor_names"].pop("F7"), "F7"),
        (
            lambda d: d["texts"]["below_what_counts"].update(
                en="{name} {evidnce}", zh="{name}{evidnce}"
            ),
            "unknown placeholders",
        ),
        (lambda d: d["what_if"][0].update(id="luck"), "what_if"),
        (lambda d: d["numbers"]["full_refinement_rounds"].update(value=0), "above 0"),
        (lambda d: d["numbers"]["claimed_weight"].update(value=1.5), "from 0 to 1"),
    ],
)
def test_a_measures_file_without_a_normaliser_or_with_a_bad_text_fails_to_load(change, problem):
    data = _data("measures.json")
    change(data)
    with pytest.raises(ValidationError, match=problem):
        Measures.model_validate(data)


def test_the_result_shows_the_band_of_its_score_on_the_jurisdictions_scale(rulesets):
    evidence = extract_evidence(intake(), [li_v_liu_like()])
    for code, ruleset in rulesets.items():
        result = assess(evidence, ruleset)
        assert result.scale is not None
        bands = result.scale.bands
        assert [b.min for b in bands] == [b.min for b in ruleset.scale.bands]
        assert bands[0].min == 0 and bands[-1].max == 100
        assert all(a.max + 1 == b.min for a, b in zip(bands, bands[1:], strict=False))
        assert result.scale.band.min <= result.score <= result.scale.band.max, code
        assert result.scale.band.label_zh and result.scale.measures_zh


def test_the_quantities_quote_the_true_counts_never_a_capped_list(rulesets, screen, profiles):
    """Forty revisions and ten re-rolls are reported as such, though a finding quotes ten."""
    steps = []
    for n in range(40):
        steps.append(
            {"action": "generate", "prompt": f"{LI_PROMPT_2}, {n} lanterns", "params": {"seed": n}}
        )
    for n in range(10):
        steps.append(
            {
                "action": "generate",
                "prompt": f"{LI_PROMPT_2}, 39 lanterns",
                "params": {"seed": 99 + n},
            }
        )
    steps.insert(0, {"action": "generate", "prompt": LI_PROMPT_1, "params": {"seed": 1}})
    evidence = extract_evidence(intake(), [log(*steps)])
    result = assess_all(evidence, rulesets, screen=screen, profiles=profiles, files=[])
    q = result.quantities
    assert q.generations == 51
    assert q.revision_rounds == 40
    assert q.prompt_revisions == 40
    assert q.rerolls == 10
    assert q.distinct_prompts == 41
    assert len(q.prompt_change_shares) == 10  # the first ten quoted, the mean over all forty
    assert q.prompt_change_mean is not None and 0 < q.prompt_change_mean < 1
    assert len(evidence.refinement.facts) == 10


def test_the_creation_statement_counts_every_round_and_names_the_elements_in_chinese(rulesets):
    settings = {"steps": 30, "cfg_scale": 7, "sampler": "Euler a", "width": 512, "height": 768}
    steps = [
        {
            "action": "generate",
            "model": "m",
            "prompt": LI_PROMPT_1,
            "negative_prompt": "blurry",
            "params": {"seed": 1, **settings},
        }
    ]
    for n in range(40):
        steps.append(
            {
                "action": "generate",
                "model": "m",
                "prompt": f"{LI_PROMPT_2}, {n} lanterns",
                "params": {"seed": n, **settings},
            }
        )
    answers = intake(
        evidence_retained=True,
        evidence_contemporaneous=True,
        claimed_author={"name": "Li", "kind": "natural_person"},
    )
    result = assess(extract_evidence(answers, [log(*steps)]), rulesets["CN"])
    assert result.verdict == "protectable"
    statement = result.filing.creation_statement_zh
    assert "40 轮" in statement
    assert "构图" in statement and "光线" in statement
    assert not re.search(r"[A-Za-z]{4,}", statement.replace("SHA-256", "")), statement


def test_every_category_of_the_vocabulary_has_a_name_in_both_languages():
    names = measures().element_names
    assert set(vocabulary.CATEGORIES) <= set(names)
    assert all(names[c].en and names[c].zh for c in vocabulary.CATEGORIES)


def test_the_denoising_heuristic_and_the_what_if_state_the_same_number(rulesets):
    """The own-input what-if names the value the evidence measures with, from the same file."""
    value = measures().number("perceptible_denoise_max")
    evidence = extract_evidence(intake(), [li_v_liu_like()])
    for ruleset in rulesets.values():
        for what in assess(evidence, ruleset).what_if:
            if "own drawing" in what.condition:
                assert f"≤ {value:g}" in what.condition and f"≤ {value:g}" in what.condition_zh

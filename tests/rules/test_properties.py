"""Properties of the rules over generated logs and intakes (hypothesis), for every jurisdiction:
seed-only re-rolls never raise a score; recording the tool's defaults never raises it; a trivial
edit never changes a verdict; a real revision never lowers one; every statement a result makes
cites published decisions."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.rules import assess, extract_evidence
from assessments.rules.result import cited_slugs
from assessments.rules.retellings import STRENGTH

from .conftest import FIXTURE, intake, log

TERMS = [
    "portrait of a young woman",
    "long black hair",
    "soft smile",
    "standing by a window",
    "golden hour sunlight",
    "close-up",
    "85mm lens",
    "film grain",
    "pastel colours",
    "garden background",
    "oil painting style",
    "rim light",
    "two red lanterns",
    "looking back",
]
prompts = st.lists(st.sampled_from(TERMS), min_size=1, max_size=8, unique=True).map(", ".join)
answers = st.fixed_dictionaries(
    {},
    optional={
        "evidence_retained": st.booleans(),
        "evidence_contemporaneous": st.booleans(),
        "dispute": st.booleans(),
        "own_inputs": st.booleans(),
        "work_kind": st.sampled_from(["image", "comic", "text", "video"]),
        "claimed_author": st.sampled_from(
            [{"name": "Li", "kind": "natural_person"}, {"name": "Acme Ltd", "kind": "legal_person"}]
        ),
        "post_editing": st.sampled_from(
            [{"extent": e} for e in ("none", "minor", "moderate", "substantial")]
        ),
    },
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CODES = ("CN", "US", "EU", "UK")


def _gen(prompt: str, seed: int, **params) -> dict:
    return {"action": "generate", "prompt": prompt, "params": {"seed": seed, **params}}


def _results(rulesets, answers, steps):
    evidence = extract_evidence(intake(**answers), [log(*steps)])
    return {code: assess(evidence, rulesets[code], with_what_if=False) for code in CODES}


@SETTINGS
@given(prompt=prompts, answers=answers, rerolls=st.integers(min_value=1, max_value=12))
def test_seed_only_rerolls_never_raise_a_score(rulesets, prompt, answers, rerolls):
    once = _results(rulesets, answers, [_gen(prompt, 1)])
    rolled = _results(rulesets, answers, [_gen(prompt, 1 + n) for n in range(rerolls + 1)])
    for code in CODES:
        assert rolled[code].score <= once[code].score, code
        assert STRENGTH[rolled[code].verdict] <= STRENGTH[once[code].verdict], code


@SETTINGS
@given(prompt=prompts, answers=answers)
def test_recording_the_tools_defaults_never_raises_a_score(rulesets, prompt, answers):
    bare = _results(rulesets, answers, [{"action": "generate", "prompt": prompt}])
    defaults = {"steps": 20, "cfg_scale": 7, "width": 512, "height": 512}
    recorded = _results(rulesets, answers, [_gen(prompt, 5, **defaults)])
    for code in CODES:
        assert recorded[code].score <= bare[code].score, code
        assert STRENGTH[recorded[code].verdict] <= STRENGTH[bare[code].verdict], code


@SETTINGS
@given(
    prompt=prompts,
    answers=answers.map(lambda a: {k: v for k, v in a.items() if k != "post_editing"}),
    edit=st.sampled_from(
        ["cropped the border", "removed a stray mark", "colour correction", "resize and sharpen"]
    ),
)
def test_a_trivial_edit_never_changes_a_verdict(rulesets, prompt, answers, edit):
    plain = _results(rulesets, answers, [_gen(prompt, 1)])
    edited = _results(
        rulesets, answers, [_gen(prompt, 1), {"action": "edit", "tool": "Photoshop", "note": edit}]
    )
    for code in CODES:
        assert edited[code].verdict == plain[code].verdict, code


@SETTINGS
@given(first=prompts, added=st.sampled_from(TERMS), answers=answers)
def test_a_real_revision_never_lowers_a_verdict(rulesets, first, added, answers):
    if added in first.split(", "):
        added = "a lighthouse at dusk"
    once = _results(rulesets, answers, [_gen(first, 1)])
    revised = _results(rulesets, answers, [_gen(first, 1), _gen(f"{first}, {added}", 2)])
    for code in CODES:
        assert STRENGTH[revised[code].verdict] >= STRENGTH[once[code].verdict], code


@pytest.fixture(scope="module")
def published():
    return {c["slug"] for c in json.loads(FIXTURE.read_text(encoding="utf-8"))["cases"]}


@SETTINGS
@given(prompt=prompts, answers=answers, rounds=st.integers(min_value=0, max_value=4))
def test_every_statement_cites_a_published_decision(
    rulesets, screen, profiles, published, prompt, answers, rounds
):
    from assessments.rules.engine import assess_all

    steps = [_gen(prompt + ", extra detail" * n, n) for n in range(rounds + 1)]
    evidence = extract_evidence(intake(**answers), [log(*steps)])
    result = assess_all(evidence, rulesets, screen=screen, profiles=profiles, files=[])
    for j in result.jurisdictions.values():
        for finding in j.findings:
            assert finding.citations, finding.rationale
        assert j.ownership.citations
        for statement in j.recommendations:
            assert statement.citations, statement.text
    assert set(cited_slugs(result)) <= published

"""Properties of the rules: more genuine human work never lowers a score, less evidence never
raises it, and every citation resolves."""

from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.rules import assess, extract_evidence

from .conftest import intake, log

WORDS = [
    "girl",
    "red dress",
    "standing",
    "close-up",
    "rim light",
    "oil painting",
    "35mm",
    "blue",
    "garden background",
    "cat",
    "sunset",
    "looking back",
    "watercolor",
    "castle",
    "snow",
    "smile",
]

step_strategy = st.fixed_dictionaries(
    {
        "action": st.sampled_from(["generate", "img2img", "inpaint"]),
        "prompt": st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(", ".join),
        "params": st.fixed_dictionaries(
            {
                "seed": st.integers(0, 5),
                "steps": st.integers(10, 40),
                "cfg_scale": st.sampled_from([5.0, 7.0, 9.0]),
            }
        ),
    }
)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(step_strategy, min_size=1, max_size=6),
    step_strategy,
    st.sampled_from(["CN", "US", "EU", "UK"]),
)
def test_adding_a_human_step_never_lowers_the_score(rulesets, steps, extra, code):
    answers = intake(dispute=True)
    before = assess(extract_evidence(answers, [log(*steps)]), rulesets[code], with_what_if=False)
    after = assess(
        extract_evidence(answers, [log(*steps, extra)]), rulesets[code], with_what_if=False
    )
    assert after.score >= before.score


@settings(max_examples=80, deadline=None)
@given(st.lists(step_strategy, min_size=1, max_size=6), st.sampled_from(["CN", "US", "EU", "UK"]))
def test_removing_evidence_never_raises_the_score(rulesets, steps, code):
    with_records = assess(
        extract_evidence(intake(dispute=True), [log(*steps)]), rulesets[code], with_what_if=False
    )
    re_created = assess(
        extract_evidence(intake(dispute=True, evidence_contemporaneous=False), [log(*steps)]),
        rulesets[code],
        with_what_if=False,
    )
    nothing = assess(
        extract_evidence(intake(dispute=True, evidence_retained=False), []),
        rulesets[code],
        with_what_if=False,
    )
    assert re_created.score <= with_records.score
    assert nothing.score <= with_records.score


@settings(max_examples=60, deadline=None)
@given(
    st.lists(step_strategy, min_size=0, max_size=5),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["CN", "US", "EU", "UK"]),
)
def test_every_citation_resolves(rulesets, slugs, steps, arranged, edited, code):
    answers = intake(
        arrangement=arranged, post_editing={"extent": "substantial" if edited else "none"}
    )
    result = assess(extract_evidence(answers, [log(*steps)] if steps else []), rulesets[code])
    cited = {c for f in result.findings for c in f.citations}
    cited |= {c for r in result.recommendations for c in r.citations} | set(
        result.ownership.citations
    )
    assert cited and cited <= slugs

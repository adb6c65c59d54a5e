"""The number, size, proportion and shape of depicted things as an expressive element (F2).

Changshu 2024 protected an image made on iterated prompts that set a balloon's number, size and
shape; Zhangjiagang 2025 names proportion among the choices that count. These tests show what the
vocabulary reads as such a choice, what it refuses (the false friends of the same words), and
that a change of count, size or shape is a revision while a reordering of tags is not.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.rules import extract_evidence, vocabulary
from assessments.rules.ruleset import measures

from .conftest import log

FULL_SPECIFICITY_CATEGORIES = measures().number("full_specificity_categories")


def proportion(prompt: str) -> list[str]:
    return vocabulary.expressive_elements(prompt).get("proportion", [])


@pytest.mark.parametrize(
    ("prompt", "term"),
    [
        ("two balloons", "two"),
        ("three knights on horses", "three"),
        ("12 paper lanterns", "12"),
        ("3 cats.", "3"),
        ("2girls, sitting", "2girls"),
        ("a pair of red shoes", "a pair of"),
        ("several boats on a lake", "several"),
        ("a small house", "small"),
        ("giant robot in the city", "giant"),
        ("tiny dragon", "tiny"),
        ("life-size statue", "life-size"),
        ("exaggerated proportions", "proportions"),
        ("heart-shaped balloon", "heart-shaped"),
        ("half-heart-shaped balloon", "half-heart-shaped"),
        ("l-shaped sofa", "l-shaped"),
        ("heart shaped balloon", "shaped"),
        ("star shapes in the sky", "shapes"),
        ("round glasses", "round"),
        ("square window", "square"),
        ("crescent moon", "crescent"),
        ("a cloud in the shape of a whale", "in the shape of"),
        ("chair, shape of cute pink butterfly", "shape of"),
    ],
)
def test_counts_sizes_and_shapes_in_english(prompt, term):
    assert term in proportion(prompt)


@pytest.mark.parametrize(
    ("prompt", "term"),
    [
        ("两个气球", "两个"),
        ("三只猫", "三只"),
        ("5朵玫瑰", "5朵"),
        ("一对翅膀", "一对"),
        ("一群鸟", "一群"),
        ("半颗心漂浮在水面", "半颗"),
        ("巨大的气球", "巨大"),
        ("迷你城堡", "迷你"),
        ("人物比例夸张", "比例"),
        ("心形气球", "心形"),
        ("圆形窗户", "圆形"),
        ("月牙形的湖", "月牙"),
        ("蝴蝶形的椅子", "蝶形的"),
    ],
)
def test_counts_sizes_and_shapes_in_chinese(prompt, term):
    assert term in proportion(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # "One" fixes no number: the singular says it anyway.
        "one of the best",
        "one balloon",
        "1 balloon",
        "1girl, solo",
        "一个少女",
        # A number needs a thing after it, in the same tag.
        "two",
        "two, balloons",
        "30 steps, cfg 7",
        "8 k",
        "score_9, score_8_up, score_7_up",
        "3 years old",
        "4 images",
        "two tone",
        "many details",
        # Generic quality words and the picture's own size, resolution or format.
        "8k",
        "4k uhd",
        "high resolution",
        "large file",
        "small file size",
        "large image",
        "square format",
        "square aspect ratio",
        "large language model",
        "图片尺寸 1024x1024",
        "画面比例",
        "宽高比",
        "大型语言模型",
        # Fixed names and idioms.
        "giant panda",
        "times square",
        "oval office",
        "in good shape",
        "all round",
        # Decided: a bare "the shape of ..." is read as a name (a title such as the film "The
        # Shape of Water"), not as a shape; attached to a thing ("in the shape of") it is a shape.
        "the shape of water",
        # Word boundaries: the words must be whole words.
        "around the fire",
        "squarely",
        "smalltalk",
        "bigotry",
        "roundabout",
        "shaped",
        "二次元",
        "十分",
        "地形的",
        "三维",
        "大小姐",
        "数位板绘画",
    ],
)
def test_false_friends_are_not_counted(prompt):
    assert proportion(prompt) == []


def test_the_same_words_count_when_they_describe_a_depicted_thing():
    assert proportion("two giant pandas") == ["two"]
    assert proportion("a dress in the shape of water") == ["in the shape of"]
    assert proportion("a large dog") == ["large"]


def test_number_size_and_shape_are_one_category():
    """One element of the picture, as the courts list them ("proportion"), not three."""
    elements = vocabulary.expressive_elements("two small heart-shaped balloons")
    assert elements == {"proportion": ["two", "small", "heart-shaped"], "subject": ["balloons"]}


@pytest.mark.parametrize(
    "prompt, subject",
    [
        ("three cats", "cats"),
        ("two women by the sea", "women"),
        ("cities at night", "cities"),
    ],
)
def test_plural_subjects_are_read(prompt, subject):
    assert subject in vocabulary.expressive_elements(prompt).get("subject", [])


@pytest.mark.parametrize("prompt", ["a dress of glass", "a series of", "the bus"])
def test_words_that_only_look_plural_are_not_made_singular(prompt):
    assert "subject" not in vocabulary.expressive_elements(prompt)


def test_a_prompt_fixing_number_size_and_shape_is_more_specific():
    plain = extract_evidence(None, [log({"action": "generate", "prompt": "a balloon"})])
    shaped = extract_evidence(
        None, [log({"action": "generate", "prompt": "three large heart-shaped balloons, balloon"})]
    )
    assert plain.specificity.value == 1 / FULL_SPECIFICITY_CATEGORIES
    assert shaped.specificity.value == 2 / FULL_SPECIFICITY_CATEGORIES
    assert shaped.elements["proportion"] == ["three", "large", "heart-shaped"]


def test_generic_words_around_a_count_do_not_hide_it():
    assert proportion("masterpiece, best quality, 8k, two cats, high resolution") == ["two"]
    assert vocabulary.generic_terms("two cats, 8k") == ["8k"]


# Substance: what a revision changes.

TAGS = ["balloon", "red", "floating on water", "city background", "soft light", "watercolor"]
# (before, after) of one tag: a change of number, of size, of shape, in English and Chinese.
CHANGES = [
    ("two balloons", "one balloon"),
    ("two balloons", "three balloons"),
    ("2 balloons", "3 balloons"),
    ("small balloon", "large balloon"),
    ("heart-shaped balloon", "half-heart-shaped balloon"),
    ("round balloon", "square balloon"),
    ("两个气球", "三个气球"),
    ("小型气球", "巨大气球"),
    ("心形气球", "圆形气球"),
]


def weighted(tag: str, weight: float | None) -> str:
    return tag if weight is None else f"({tag}:{weight})"


@settings(max_examples=60, deadline=None)
@given(
    st.permutations(TAGS),
    st.lists(st.one_of(st.none(), st.floats(0.5, 1.5).map(lambda w: round(w, 1))), min_size=6),
)
def test_reordering_tags_or_changing_weights_is_not_a_revision(order, weights):
    base = ", ".join(TAGS)
    edited = ", ".join(weighted(t, w) for t, w in zip(order, weights, strict=False))
    assert vocabulary.substance(edited) == vocabulary.substance(base)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(CHANGES), st.permutations(TAGS), st.integers(0, len(TAGS)))
def test_changing_a_count_size_or_shape_is_a_revision(change, order, at):
    before, after = change
    tags = list(order)
    assert vocabulary.substance(", ".join([*tags[:at], before, *tags[at:]])) != (
        vocabulary.substance(", ".join([*tags[:at], after, *tags[at:]]))
    )


def test_a_changed_count_is_a_round_and_a_reordering_a_reroll():
    params = {"seed": 1, "steps": 30, "cfg_scale": 7.0}

    def generate(prompt: str) -> dict:
        return {"action": "generate", "prompt": prompt, "params": params}

    revised = extract_evidence(
        None,
        [
            log(
                generate("two small heart-shaped balloons, water"),
                generate("one large heart-shaped balloon, water"),
            )
        ],
    )
    reordered = extract_evidence(
        None,
        [
            log(
                generate("two small heart-shaped balloons, water"),
                generate("(water:1.2), two small heart-shaped balloons"),
            )
        ],
    )
    assert (revised.refinement.count, revised.rerolls) == (1, 0)
    assert (reordered.refinement.count, reordered.rerolls) == (0, 1)

"""Characters described, not named: every character of the lexicon carries its distinctive
traits in English and Chinese with a threshold and the essential ones; a prompt that meets them
is flagged with the traits quoted, and a prompt one essential trait short is not. The tests are
generated from the lexicon's own entries, so a new character is tested the day it is added."""

from pathlib import Path

import pytest

from assessments.rules import LexiconEntry, Screen, extract_evidence
from assessments.rules.infringement import CharacterTraits

from .conftest import intake, lexicon_entries, log

_entries = lexicon_entries


@pytest.fixture(scope="module")
def entries(library_data) -> list[LexiconEntry]:
    return _entries(library_data)


@pytest.fixture(scope="module")
def described_screen(entries) -> Screen:
    return Screen(entries)


def _described(screen: Screen, prompt: str) -> dict[str, str]:
    evidence = extract_evidence(intake(), [log({"action": "generate", "prompt": prompt})])
    return {
        f.protected_work: f.matched for f in screen.screen(evidence).flags if f.kind == "described"
    }


def _prompt(traits: CharacterTraits, language: str, without: str | None = None) -> str:
    words = [getattr(t, language)[0] for t in traits.traits if t.id != without]
    return ("，" if language == "zh" else ", ").join(words)


def test_every_character_of_the_lexicon_is_described_by_its_traits(entries):
    missing = [e.name for e in entries if e.kind == "character" and e.traits is None]
    assert missing == []


def _characters(library_data):
    return [e for e in _entries(library_data) if e.traits is not None]


def pytest_generate_tests(metafunc):
    if "character" in metafunc.fixturenames:
        import json
        from pathlib import Path

        library = json.loads(
            (Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json").read_text(
                encoding="utf-8"
            )
        )
        found = _characters(library)
        metafunc.parametrize("character", found, ids=[e.name for e in found])


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_description_without_the_name_is_flagged_with_its_traits(
    described_screen, character, language
):
    traits = character.traits
    prompt = _prompt(traits, language)
    flagged = _described(described_screen, prompt)
    assert character.name in flagged, prompt
    quoted = flagged[character.name]
    assert all(getattr(t, language)[0] in quoted for t in traits.traits if t.id in traits.essential)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_one_essential_trait_short_is_not_flagged(described_screen, character, language):
    traits = character.traits
    for essential in traits.essential:
        prompt = _prompt(traits, language, without=essential)
        assert character.name not in _described(described_screen, prompt), prompt


def test_a_named_character_is_flagged_by_name_once_not_also_as_described(described_screen, entries):
    ultraman = next(e for e in entries if e.name == "Ultraman")
    prompt = "Ultraman, " + _prompt(ultraman.traits, "en")
    evidence = extract_evidence(intake(), [log({"action": "generate", "prompt": prompt})])
    kinds = [
        f.kind for f in described_screen.screen(evidence).flags if f.protected_work == "Ultraman"
    ]
    assert kinds == ["prompt"]


@pytest.mark.parametrize(
    "ordinary",
    [
        "a yellow flower with red petals in a sunny field",
        "a man in a red suit walking in the rain, city at night",
        "a white cat sleeping on a sofa, soft light",
        "a blue bird on a branch, morning mist",
        "一只白色的猫在沙发上睡觉，柔和的光线",
        "一个穿红色西装的男人走在雨中的城市",
    ],
)
def test_ordinary_prompts_describe_no_character(described_screen, ordinary):
    assert _described(described_screen, ordinary) == {}


def test_the_level_of_a_description_is_medium_and_cites_the_ultraman_decision(
    described_screen, entries
):
    pikachu = next(e for e in entries if e.name == "Pikachu")
    evidence = extract_evidence(
        intake(), [log({"action": "generate", "prompt": _prompt(pikachu.traits, "en")})]
    )
    result = described_screen.screen(evidence)
    (flag,) = [f for f in result.flags if f.kind == "described"]
    assert flag.level == "medium" and "cn-gzic-ultraman-tab-2024" in flag.citations
    assert "describes a protected character by its distinctive traits" in result.rationale
    assert "显著特征" in result.rationale_zh


@pytest.mark.parametrize(
    ("prompt", "flagged"),
    [
        ("a yellow electric mouse with red cheeks, black-tipped ears, a lightning-bolt tail", True),
        ("黄色的电气鼠，红色脸颊，黑色耳尖，闪电形尾巴", True),
        ("a yellow flower with red petals", False),
    ],
)
def test_the_readmes_examples_say_what_the_screen_does(described_screen, prompt, flagged):
    assert ("Pikachu" in _described(described_screen, prompt)) is flagged
    assert prompt.split(",")[0].split("，")[0] in (
        Path(__file__).resolve().parents[2] / "README.md"
    ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Described by its traits in a prompt"), ("zh", "提示词以显著特征描述")],
)
def test_the_report_says_in_words_how_a_character_was_found(
    described_screen, entries, rulesets, language, label
):
    from assessments.reports.render import render_html
    from assessments.rules import assess_all

    pikachu = next(e for e in entries if e.name == "Pikachu")
    prompt = _prompt(pikachu.traits, "en")
    evidence = extract_evidence(intake(), [log({"action": "generate", "prompt": prompt})])
    result = assess_all(evidence, rulesets, screen=described_screen, profiles=[], files=[])
    html = render_html(result, language=language)
    assert label in html and ">described" not in html

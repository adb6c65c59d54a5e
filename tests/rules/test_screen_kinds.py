"""The screen's kinds of risk, each with its own level: a protected character named where it
steers the generation is high; an artist's name imitates a style, which copyright does not protect
as such (low in a prompt, medium in a LoRA), said plainly; a third party's image as an input is
high where it dominates the output, with the denoising strength or control weight quoted; an own
input is not flagged."""

from assessments.rules import extract_evidence

from .conftest import intake, log


def _screen(screen, *steps):
    return screen.screen(extract_evidence(intake(), [log(*steps)]))


def test_a_named_character_in_the_prompt_is_high(screen):
    result = _screen(screen, {"action": "generate", "prompt": "batman on a rooftop at night"})
    assert result.level == "high"
    assert result.flags[0].level == "high" and result.flags[0].protected_work == "Batman"


def test_an_artists_name_is_a_style_low_in_a_prompt_and_said_to_be_unprotected(screen):
    result = _screen(screen, {"action": "generate", "prompt": "a castle, by Greg Rutkowski"})
    assert result.level == "low" and result.flags[0].level == "low"
    assert "does not protect a style as such" in result.rationale
    assert "著作权不保护风格本身" in result.rationale_zh
    assert "no decision in the library has held a style infringing" in result.rationale


def test_a_style_lora_is_medium(screen):
    result = _screen(
        screen,
        {
            "action": "generate",
            "prompt": "a quiet village",
            "params": {"loras": [{"name": "ghibli_style_v2", "weight": 0.8}]},
        },
    )
    assert {f.kind: f.level for f in result.flags} == {"lora": "medium"}
    assert result.level == "medium"


def _with_input(role, origin, **params):
    step = {
        "action": "img2img",
        "prompt": "a portrait",
        "params": params,
        "inputs": [{"role": role, "origin": origin, "name": "found-online.jpg"}],
    }
    if role == "control":
        step["params"] = {"controlnets": [{"model": "canny", "weight": params.get("weight")}]}
    return step


def test_a_third_partys_init_at_low_denoising_dominates_and_is_high(screen):
    result = _screen(screen, _with_input("init", "third_party", denoise=0.25))
    flag = result.flags[0]
    assert flag.kind == "third_party_input" and flag.level == "high" and result.level == "high"
    assert "denoising strength 0.25" in flag.quote
    assert "reproduces that image's expression" in result.rationale


def test_a_third_partys_init_repainted_or_unmeasured_is_medium(screen):
    assert _screen(screen, _with_input("init", "third_party", denoise=0.85)).level == "medium"
    assert _screen(screen, _with_input("init", "third_party")).level == "medium"


def test_a_third_partys_control_at_full_weight_is_high_and_quoted(screen):
    full = _screen(screen, _with_input("control", "third_party", weight=1.0))
    assert full.level == "high" and "control weight 1" in full.flags[0].quote
    assert _screen(screen, _with_input("control", "third_party", weight=0.4)).level == "medium"


def test_an_own_input_is_not_flagged(screen):
    result = _screen(screen, _with_input("init", "own", denoise=0.25))
    assert result.flags == [] and result.level == "none"


def _prompt(screen, text):
    return _screen(screen, {"action": "generate", "prompt": text})


def test_chinese_names_match_on_word_boundaries_not_inside_longer_words(screen):
    """Segmentation, not a list, does the work: none of these false friends is in any list."""
    assert _prompt(screen, "画一个蝙蝠侠站在楼顶").flags[0].protected_work == "Batman"
    assert _prompt(screen, "我是钢铁侠").level != "none"
    for false_friend in ("蝙蝠侠客行的江湖故事", "一位钢铁侠客在雨中", "莎艾莎拉的花园"):
        flags = [
            f for f in _prompt(screen, false_friend).flags if f.protected_work != "Elsa (Frozen)"
        ]
        assert flags == [], false_friend


def test_latin_names_match_on_word_boundaries_not_inside_longer_words(screen):
    assert _prompt(screen, "batman on a rooftop").level == "high"
    assert _prompt(screen, "BATMAN, on a rooftop").level == "high"
    for false_friend in ("an acrobat mandolin player", "a combat man portrait", "ultramarine sky"):
        assert _prompt(screen, false_friend).flags == [], false_friend


def test_a_name_at_the_end_of_a_very_long_prompt_is_found_on_its_window(screen):
    """Only a window around each occurrence is segmented (a 200,000-character prompt costs the
    window, not the text); the window still sees the words around the name."""
    text = "在山间小路上行走，" * 22000 + "蝙蝠侠站在楼顶"
    assert [entry.name for entry, _ in screen.match(text)] == ["Batman"]
    assert screen.match("在山间小路上行走，" * 22000 + "蝙蝠侠客行") == []

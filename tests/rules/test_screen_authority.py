"""The screen's kinds of risk, each with its own authority in every jurisdiction assessed (or a
plain statement that no decision is on point there), the purpose of the use, false friends the
segmentation and word boundaries reject (not only the curated lists), and image comparison by
perceptual hash."""

import io
import json
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from assessments.creation_logs import parse
from assessments.rules import Screen, extract_evidence
from assessments.rules.infringement import LexiconEntry, hash_distance
from assessments.rules.ruleset import OPEN_PROCEEDINGS, SCREEN_TOPICS, screen_rules

from .conftest import intake, lexicon_entries, log

LIBRARY = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json"


@pytest.fixture(scope="module")
def cases() -> dict[str, dict]:
    return {c["slug"]: c for c in json.loads(LIBRARY.read_text(encoding="utf-8"))["cases"]}


def _on_the_point(case: dict) -> bool:
    """A decision has something on the screen's point: an F13 (infringement risk) record."""
    return any(f["code"] == "F13" for f in case["factors"])


def _screen_citation_problems(rules, cases) -> list[str]:
    problems = []
    for topic, by_jurisdiction in rules.authorities.items():
        for code, authority in by_jurisdiction.items():
            for slug in authority.citations:
                if not _on_the_point(cases[slug]) or cases[slug]["proceeding_status"] in (
                    OPEN_PROCEEDINGS
                ):
                    problems.append(f"{topic} {code}: {slug} cited as authority")
            for slug in authority.pending_citations:
                case = cases[slug]
                if case["proceeding_status"] not in OPEN_PROCEEDINGS:
                    problems.append(f"{topic} {code}: {slug} is not pending")
                if not (_on_the_point(case) or case["issue"] == "infringement"):
                    problems.append(f"{topic} {code}: {slug} is not about infringement")
    for name, rule in rules.rules.items():
        for slug in rule.citations:
            if not _on_the_point(cases[slug]):
                problems.append(f"rule {name}: {slug} has no infringement record")
    return problems


def test_every_screen_citation_has_a_holding_on_the_point(cases):
    assert _screen_citation_problems(screen_rules(), cases) == []


def test_the_check_notices_a_decision_cited_for_what_it_did_not_decide(cases):
    rules = screen_rules()
    stretched = rules.model_copy(
        update={
            "authorities": {
                **rules.authorities,
                "style": {
                    **rules.authorities["style"],
                    "US": rules.authorities["style"]["US"].model_copy(
                        update={"citations": ["us-thaler-v-perlmutter"]}
                    ),
                },
            }
        }
    )
    assert "style US: us-thaler-v-perlmutter cited as authority" in _screen_citation_problems(
        stretched, cases
    )


def test_every_topic_says_something_in_every_jurisdiction():
    rules = screen_rules()
    for topic in SCREEN_TOPICS:
        assert set(rules.authorities[topic]) == {"CN", "US", "EU", "UK"}
        for authority in rules.authorities[topic].values():
            if not authority.on_point:
                assert "No" in authority.text.en and "没有" in authority.text.zh


def test_an_entry_named_in_a_decision_has_its_quotation():
    for entry in json.loads(LIBRARY.read_text(encoding="utf-8"))["protected_works"]:
        if entry["named_in_decision"]:
            assert entry["name_quotation"].strip(), entry["name"]
            assert entry["name_quotation_source"].startswith("https://"), entry["name"]


def _run(screen, *steps, **answers):
    return screen.screen(extract_evidence(intake(**answers), [log(*steps)]))


def _by(result, topic):
    return {a.jurisdiction: a for a in result.authorities if a.topic == topic}


def test_a_named_character_cites_each_jurisdictions_own_authority(screen):
    result = _run(screen, {"action": "generate", "prompt": "Pikachu in a forest"})
    flag = result.flags[0]
    assert flag.level == "high" and flag.topic == "protected_work"
    # No decision named Pikachu: its entry's decision is not cited for it, and the flag says so.
    assert flag.named_by is None
    assert "No decision in the library concerns Pikachu itself" in flag.note
    assert "本库中没有涉及Pikachu本身的裁判" in flag.note_zh
    found = _by(result, "protected_work")
    assert found["CN"].on_point and "cn-gzic-ultraman-tab-2024" in found["CN"].citations
    assert not found["US"].on_point and "us-disney-v-midjourney" in found["US"].citations
    assert not found["EU"].on_point and "de-gema-v-openai-2025" in found["EU"].citations
    assert "No decision of the Court of Justice" in found["EU"].text
    assert not found["UK"].on_point and "No UK decision" in found["UK"].text


def test_only_the_jurisdictions_assessed_are_cited(screen):
    result = _run(screen, {"action": "generate", "prompt": "Pikachu"}, jurisdictions=["US"])
    assert {a.jurisdiction for a in result.authorities} == {"US"}
    assert not any(c.startswith("cn-") for c in result.flags[0].citations)


def test_a_style_lora_is_not_cited_to_the_character_decisions(screen):
    result = _run(
        screen,
        {
            "action": "generate",
            "prompt": "a quiet harbour town at dusk",
            "params": {"loras": [{"name": "ghibli_style_v2", "weight": 0.8}]},
        },
    )
    flag = result.flags[0]
    assert flag.topic == "style" and flag.level == "medium"
    assert "cn-gzic-ultraman-tab-2024" not in flag.citations
    style = _by(result, "style")
    assert all(not a.on_point for a in style.values())
    assert "us-disney-v-midjourney" in style["US"].citations  # the training suit, as pending
    assert "风格" in style["CN"].text_zh


def test_an_artists_name_in_a_prompt_is_low_with_the_style_authority(screen):
    result = _run(screen, {"action": "generate", "prompt": "castle, art by greg rutkowski"})
    assert [(f.topic, f.level) for f in result.flags] == [("style", "low")]
    assert "No decision in the library holds a style protected" in _by(result, "style")["EU"].text


def test_a_brand_is_a_trade_mark_question_with_getty_in_the_uk(screen):
    result = _run(screen, {"action": "generate", "prompt": "a poster, getty images watermark"})
    flag = result.flags[0]
    assert flag.topic == "brand" and flag.level == "medium"
    brand = _by(result, "brand")
    assert brand["UK"].on_point and brand["UK"].citations == ["uk-getty-v-stability-2025"]
    assert not brand["CN"].on_point and "没有" in brand["CN"].text_zh
    assert "trade-mark question" in result.rationale


def _third(role, weight=None, denoise=None):
    params: dict = {}
    if denoise is not None:
        params["denoise"] = denoise
    if weight is not None:
        params["controlnets"] = [{"model": "ip-adapter", "weight": weight}]
    return {
        "action": "img2img" if role == "init" else "generate",
        "prompt": "a portrait",
        "params": params,
        "inputs": [{"role": role, "origin": "third_party", "name": "photo-by-someone.jpg"}],
    }


@pytest.mark.parametrize(
    ("role", "weight", "denoise", "level", "quoted"),
    [
        ("init", None, 0.25, "high", "denoising strength 0.25"),
        ("init", None, 0.8, "medium", "denoising strength 0.8"),
        ("control", 1.0, None, "high", "control weight 1"),
        ("reference", 1.0, None, "high", "control weight 1"),
        ("reference", 0.3, None, "medium", "control weight 0.3"),
        ("reference", None, None, "medium", "reference"),
    ],
)
def test_a_third_partys_image_in_any_role(screen, role, weight, denoise, level, quoted):
    result = _run(screen, _third(role, weight, denoise))
    flag = result.flags[0]
    assert (flag.kind, flag.topic, flag.level) == ("third_party_input", "third_party_input", level)
    assert quoted in flag.quote
    found = _by(result, "third_party_input")
    assert found["US"].citations == ["us-warhol-v-goldsmith-2023"]
    assert "cn-changshu-lin-companion-heart-2024" in found["CN"].citations
    assert not found["EU"].on_point and not found["UK"].on_point


def test_an_own_sketch_as_init_is_not_flagged(screen):
    step = {
        "action": "img2img",
        "prompt": "a lighthouse",
        "params": {"denoise": 0.3},
        "inputs": [{"role": "init", "origin": "own", "name": "my-sketch.png"}],
    }
    assert _run(screen, step).flags == []


DESCRIBED = "a giant silver-and-red superhero with a glowing colour timer on the chest"


def test_a_commercial_purpose_raises_the_level_and_says_why(screen):
    plain = _run(screen, {"action": "generate", "prompt": "Pikachu plush, product shot"})
    personal = _run(
        screen, {"action": "generate", "prompt": "Pikachu"}, purposes=["personal", "portfolio"]
    )
    third = _third("init", denoise=0.8)
    sold = _run(screen, third, purposes=["merchandise"])
    assert plain.level == personal.level == "high"
    assert personal.purpose_statements == []
    assert _run(screen, third).level == "medium" and sold.level == "high"
    statement = sold.purpose_statements[0]
    assert "commercial merchandise" in statement.text and "商业周边商品" in statement.text_zh
    assert "us-warhol-v-goldsmith-2023" in statement.citations
    assert "cn-jinshan-medusa-lora-2025" in statement.citations


def test_a_style_is_not_raised_by_a_commercial_purpose(screen):
    result = _run(
        screen,
        {"action": "generate", "prompt": "a castle, by Greg Rutkowski"},
        purposes=["prints"],
    )
    assert result.level == "low"


def test_parody_is_stated_with_the_law_and_never_lowers_a_risk(screen):
    result = _run(screen, {"action": "generate", "prompt": "Pikachu"}, purposes=["parody"])
    assert result.level == "high" and result.flags[0].level == "high"
    statement = result.purpose_statements[0]
    assert "does not lower any risk" in statement.text and "不降低" in statement.text_zh
    parody = _by(result, "parody")
    assert parody["US"].on_point and "targets the work used" in parody["US"].text
    assert not parody["CN"].on_point and not parody["EU"].on_point


# False friends that are in no entry's negative list: word boundaries (Latin) and word
# segmentation (Chinese) reject them, not the lists.
FALSE_FRIENDS = [
    ("iron-manganese nodules on the seabed", "Iron Man"),
    ("a supermanifold diagram, chalk on blackboard", "Superman"),
    ("portrait of Dr Batmanghelidj in his study", "Batman"),
    ("恐龙珠宝展览的海报", "Son Goku (Dragon Ball)"),
    ("技艺高超人物肖像，水墨", "Superman"),
]


@pytest.mark.parametrize(("prompt", "entry"), FALSE_FRIENDS)
def test_false_friends_in_no_list_are_not_flagged(screen, library_data, prompt, entry):
    negatives = [n for w in library_data["protected_works"] for n in w["negative"]]
    assert not any(n.casefold() in prompt.casefold() for n in negatives)  # not the list's work
    assert entry not in [
        f.protected_work for f in _run(screen, {"action": "generate", "prompt": prompt}).flags
    ]


@pytest.mark.parametrize(
    ("prompt", "entry"),
    [("Minions movie poster", "Minions"), ("七龙珠孙悟空", "Son Goku (Dragon Ball)")],
)
def test_the_real_names_beside_them_still_match(screen, prompt, entry):
    assert entry in [
        f.protected_work for f in _run(screen, {"action": "generate", "prompt": prompt}).flags
    ]


def test_a_curated_negative_phrase_stops_only_its_own_occurrence(screen):
    evil = _run(screen, {"action": "generate", "prompt": "the dark lord and his minions"})
    both = _run(screen, {"action": "generate", "prompt": "his minions, and a Minions movie poster"})
    assert evil.flags == []
    assert [f.protected_work for f in both.flags] == ["Minions"]


# Images: the final picture compared with a third party's input and with curators' references.


def _picture(seed: int, size=(320, 240)) -> Image.Image:
    image = Image.new("RGB", size, (250, 250, 245))
    draw = ImageDraw.Draw(image)
    for i in range(12):
        x = (seed * 37 + i * 53) % size[0]
        y = (seed * 91 + i * 29) % size[1]
        draw.ellipse(
            (x, y, x + 40 + i * 3, y + 30 + i * 2), fill=((seed * 50 + i * 20) % 256, 80, 160)
        )
    draw.rectangle((10, 10, 60 + seed * 7 % 100, 200), fill=(20, 20 + seed * 13 % 200, 40))
    return image


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70)
    return out.getvalue()


def _process(final_name="final.png"):
    return log(
        {
            "action": "img2img",
            "prompt": "a poster",
            "params": {"denoise": 0.6},
            "inputs": [{"role": "init", "origin": "third_party", "name": "found-online.jpg"}],
            "outputs": [{"name": final_name}],
        }
    )


def test_a_final_image_that_is_a_near_copy_of_a_third_partys_input_is_high(screen):
    source = _picture(3)
    final = parse(_png(source.resize((640, 480))), "final.png")
    found = parse(_jpeg(source), "found-online.jpg")
    evidence = extract_evidence(intake(final_file="final.png"), [_process(), final, found])
    result = screen.screen(evidence)
    comparison = result.comparisons[0]
    assert comparison.other == "found-online.jpg" and comparison.distance <= 8
    assert "near-copy" in comparison.meaning and "近似复制" in comparison.meaning_zh
    near = [f for f in result.flags if f.kind == "near_copy"]
    assert near and near[0].level == "high" and result.level == "high"
    assert "not every substantial similarity" in result.rationale


def test_a_different_picture_is_reported_with_its_distance_and_not_flagged(screen):
    final = parse(_png(_picture(3)), "final.png")
    other = parse(_jpeg(_picture(11)), "found-online.jpg")
    result = screen.screen(
        extract_evidence(intake(final_file="final.png"), [_process(), final, other])
    )
    comparison = result.comparisons[0]
    assert comparison.distance > screen_rules().near_copy.similar_max
    assert "not a near-copy" in comparison.meaning
    assert not [f for f in result.flags if f.kind == "near_copy"]


def test_an_input_called_own_is_flagged_when_it_matches_a_reference_image(library_data):
    reference = parse(_png(_picture(5)), "ref.png").files[0].phash
    entries = [
        e.model_copy(update={"references": ((reference, "Official key art"),)})
        if e.name == "Pikachu"
        else e
        for e in lexicon_entries(library_data)
    ]
    screen = Screen(entries)
    own = parse(_jpeg(_picture(5)), "my-sketch.jpg")
    step = {
        "action": "img2img",
        "prompt": "a mascot",
        "params": {"denoise": 0.5},
        "inputs": [{"role": "init", "origin": "own", "name": "my-sketch.jpg"}],
    }
    result = screen.screen(extract_evidence(intake(), [log(step), own]))
    flag = next(f for f in result.flags if f.kind == "near_copy")
    assert flag.protected_work == "Pikachu" and flag.level == "high"
    assert result.comparisons[0].other_kind == "own_input"
    # Without the reference, the same own input is not flagged.
    plain = Screen([e for e in entries if e.name != "Pikachu"])
    assert plain.screen(extract_evidence(intake(), [log(step), own])).flags == []


def test_hash_distance_refuses_what_is_not_a_hash():
    assert hash_distance("ff00ff00ff00ff00", "ff00ff00ff00ff01") == 1
    assert hash_distance("xyz", "ff00ff00ff00ff00") is None


def test_lexicon_entry_refuses_unknown_keys():
    with pytest.raises(ValueError, match="extra"):
        LexiconEntry(name="X", kind="character", case="c", colour="red")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("language", "heading", "off_point", "purpose"),
    [
        (
            "en",
            "What the decisions of each jurisdiction say",
            "no decision on point",
            "Purpose of the use",
        ),
        ("zh", "各法域裁判的立场", "尚无直接相关的裁判", "使用目的"),
    ],
)
def test_the_report_shows_each_jurisdictions_authority_and_the_purpose(
    screen, rulesets, language, heading, off_point, purpose
):
    from assessments.reports.render import render_html
    from assessments.rules import assess_all

    evidence = extract_evidence(
        intake(purposes=["advertising"]),
        [log({"action": "generate", "prompt": "Pikachu on a billboard"})],
    )
    result = assess_all(evidence, rulesets, screen=screen, profiles=[], files=[])
    html = render_html(result, language=language)
    assert heading in html and off_point in html and purpose in html
    # Each jurisdiction's F13 finding cites its own authority, not China's everywhere.
    us = next(f for f in result.jurisdictions["US"].findings if f.factor == "F13")
    assert "us-disney-v-midjourney" in us.citations
    assert not any(c.startswith("cn-") for c in us.citations)


README = Path(__file__).resolve().parents[2] / "README.md"


def test_the_readmes_screen_examples_say_what_the_screen_does(screen):
    text = " ".join(README.read_text(encoding="utf-8").split())
    for shown in ("`海报，超人气偶像` flags nothing", "`ultraman_v2` as a LoRA is high"):
        assert shown in text
    assert _run(screen, {"action": "generate", "prompt": "海报，超人气偶像"}).flags == []
    lora = _run(
        screen,
        {"action": "generate", "prompt": "a hero", "params": {"loras": [{"name": "ultraman_v2"}]}},
    ).flags[0]
    assert lora.level == "high" and lora.named_by == "cn-gzic-ultraman-tab-2024"
    assert "`greg rutkowski` in a prompt is low" in text
    assert _run(screen, {"action": "generate", "prompt": "greg rutkowski"}).level == "low"
    assert 'quoted as "third party\'s init … at denoising strength 0.25"' in text
    init = _run(screen, _third("init", denoise=0.25)).flags[0]
    assert init.level == "high" and init.quote.endswith("at denoising strength 0.25")


def test_the_greek_medusa_is_not_the_novels_character(screen):
    """The Jinshan court found "Medusa" best known as the Greek Gorgon: the bare name does not
    match; the novel's name with it, or the character's traits, do."""
    medusa = "Medusa (Battle Through the Heavens)"

    def works(prompt):
        return [
            f.protected_work for f in _run(screen, {"action": "generate", "prompt": prompt}).flags
        ]

    assert medusa not in works("希腊神话中的美杜莎，蛇发女妖，大理石雕像")
    assert medusa not in works("Medusa with snake hair, marble statue, Caravaggio")
    assert medusa in works("斗破苍穹 美杜莎女王")

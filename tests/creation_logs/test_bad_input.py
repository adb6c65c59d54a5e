"""Bad input: every file gets a result or a CreationLogError naming the problem, fast and bounded."""

import json
import sys
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessments.creation_logs import CreationLogError, infotext, limits, parse

from .conftest import png_chunk, png_with_text, raw_png

INFOTEXT = "a cat on a roof\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 42, Size: 512x512"


def error_code(data: bytes, name: str | None = None) -> str:
    with pytest.raises(CreationLogError) as caught:
        parse(data, name)
    assert caught.value.message
    return caught.value.code


def test_empty_and_blank_files():
    assert error_code(b"") == "empty_file"
    assert error_code(b"  \n\t ") == "empty_file"


def test_file_over_the_limit(monkeypatch):
    monkeypatch.setattr(sys.modules["assessments.creation_logs.parse"], "MAX_FILE_BYTES", 100)
    assert error_code(b"x" * 101) == "file_too_large"


def test_unknown_formats_name_the_supported_ones():
    with pytest.raises(CreationLogError) as caught:
        parse(b"just some words that are not a log")
    assert caught.value.code == "unsupported_format"
    assert "ComfyUI" in caught.value.message and "aigc-creation-log/1" in caught.value.message
    assert error_code(b'{"hello": "world"}') == "unsupported_format"
    assert error_code(b"\x00\x01\x02binary") == "unsupported_format"


def test_invalid_utf8_and_lone_surrogates():
    assert error_code(b"caf\xe9 \xff\xfe prompt") == "invalid_utf8"
    assert error_code(b"\xed\xa0\x80 encoded surrogate") == "invalid_utf8"
    assert (
        error_code(
            b'{"format": "aigc-creation-log/1", "steps": [{"action": "generate", "prompt": "\\ud800"}]}'
        )
        == "invalid_text"
    )


def test_nul_characters_in_json():
    assert (
        error_code(
            b'{"format": "aigc-creation-log/1", "steps": [{"action": "generate", "prompt": "a\\u0000b"}]}'
        )
        == "nul_character"
    )


def test_deeply_nested_json_is_refused_quickly():
    assert error_code(b"[" * 100_000 + b"]" * 100_000) == "json_too_deep"
    assert error_code(b'{"a":' * 50_000 + b"1" + b"}" * 50_000) == "json_too_deep"


def test_numbers_too_large():
    assert error_code(b'{"seed": ' + b"9" * 5000 + b"}") == "number_too_large"
    assert (
        error_code(
            b'{"format": "aigc-creation-log/1", "steps": [{"action": "generate", "params": {"cfg_scale": 1e999}}]}'
        )
        == "number_too_large"
    )


def test_malformed_json():
    assert error_code(b'{"format": "aigc-creation-log/1", "steps": [') == "invalid_json"


def test_wrong_types_in_the_project_format_are_named():
    body = {
        "format": "aigc-creation-log/1",
        "steps": [{"action": "dance", "params": {"seed": "abc"}}],
    }
    with pytest.raises(CreationLogError) as caught:
        parse(json.dumps(body).encode())
    assert caught.value.code == "invalid_log"
    assert "steps.0.action" in caught.value.message
    assert "steps.0.params.seed" in caught.value.message
    unknown = {"format": "aigc-creation-log/1", "steps": [], "stpes": []}
    assert error_code(json.dumps(unknown).encode()) == "invalid_log"


def test_a_pixel_bomb_is_never_decoded_but_its_metadata_is_read():
    text = png_chunk(b"tEXt", b"parameters\x00" + INFOTEXT.encode())
    bomb = raw_png(200_000, 200_000, [text], color_type=6)  # 40 G pixels, RGBA
    log = parse(bomb, "bomb.png")
    assert log.steps[0].prompt == "a cat on a roof"
    assert log.files[0].width == 200_000
    no_metadata = raw_png(200_000, 200_000, [], color_type=6)
    log = parse(no_metadata, "bomb.png")
    assert "stealth_skipped" in [w.code for w in log.warnings]


def test_a_compressed_text_bomb_is_skipped_with_a_warning():
    payload = zlib.compress(b"A" * (limits.MAX_TEXT_CHUNK_BYTES + 1024), 9)
    ztxt = png_chunk(b"zTXt", b"parameters\x00\x00" + payload)
    log = parse(raw_png(8, 8, [ztxt]), "ztxt-bomb.png")
    assert "text_too_large" in [w.code for w in log.warnings]
    assert log.source_format == "none"


def test_truncated_image_still_yields_its_metadata():
    image = png_with_text({"parameters": INFOTEXT}, size=(64, 64))
    cut = image[: len(image) - 30]
    log = parse(cut, "cut.png")
    assert log.steps[0].params.seed == 42
    assert "truncated_image" in [w.code for w in log.warnings]


def test_bad_crc_warns_and_reads():
    text = png_chunk(b"tEXt", b"parameters\x00" + INFOTEXT.encode(), crc=0)
    log = parse(raw_png(8, 8, [text]), "crc.png")
    assert log.steps[0].negative_prompt == "blurry"
    assert "bad_crc" in [w.code for w in log.warnings]


def test_corrupt_chunk_structure():
    image = png_with_text({"parameters": INFOTEXT})
    corrupt = image[:33] + b"\x00\x00\x00\x10\xff\xfe\xfd\xfc" + image[41:]
    log = parse(corrupt, "corrupt.png")
    assert "damaged_image" in [w.code for w in log.warnings]


def test_truncated_jpeg_and_webp_headers():
    assert parse(b"\xff\xd8\xff\xe1\x10\x00Exif", "x.jpg").source_format == "none"
    assert parse(b"RIFF\xff\xff\xff\x00WEBPVP8X", "x.webp").source_format == "none"


def test_nul_bytes_inside_a_text_chunk_are_dropped():
    text = png_chunk(b"tEXt", b"parameters\x00" + INFOTEXT.replace("cat", "c\x00at").encode())
    log = parse(raw_png(8, 8, [text]))
    assert log.steps[0].prompt == "a cat on a roof"


def test_path_traversal_names_are_reduced_to_a_display_name():
    log = parse(INFOTEXT.encode(), "../../etc/passwd")
    assert log.files[0].name == "passwd"
    log = parse(INFOTEXT.encode(), "..\\..\\evil\x07.txt")
    assert log.files[0].name == "evil.txt"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_infotext_parser_never_crashes(text):
    step = infotext.to_step(text, source="fuzz")
    assert step is None or step.action in ("generate", "img2img", "inpaint")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_parse_answers_random_bytes_with_a_log_or_a_named_error(data):
    try:
        log = parse(data, "fuzz")
    except CreationLogError as exc:
        assert exc.code
    else:
        log.model_dump_json()


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_parse_survives_mutated_images(data):
    image = bytearray(
        png_with_text(
            {"parameters": INFOTEXT, "prompt": '{"1": {"class_type": "KSampler", "inputs": {}}}'}
        )
    )
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(image) - 1))
        image[position] = data.draw(st.integers(0, 255))
    try:
        log = parse(bytes(image), "mutated.png")
    except CreationLogError as exc:
        assert exc.code
    else:
        log.model_dump_json()


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=30,
    )
)
def test_parse_answers_arbitrary_json(value):
    try:
        log = parse(json.dumps(value).encode(), "fuzz.json")
    except CreationLogError as exc:
        assert exc.code
    else:
        log.model_dump_json()


@pytest.mark.parametrize("active", [[], {}, 3, None, ["a"]])
def test_a_manifest_store_with_an_odd_active_manifest_is_read_without_error(active):
    # A C2PA reader's JSON whose active_manifest is not a label names no manifest; it must not
    # escape as a TypeError (an unhashable list used as a key).
    data = json.dumps({"manifests": {}, "active_manifest": active}).encode()
    log = parse(data, "store.reader.json")
    assert log.steps == []
    assert [p.claim_generator for p in log.provenance] == [None]  # a store with no manifest
    assert [w.code for w in log.warnings] == ["unsigned_export"]


def _native(steps: str) -> bytes:
    return ('{"format":"aigc-creation-log/1","steps":[' + steps + "]}").encode()


def test_a_log_of_millions_of_empty_steps_is_refused_before_it_is_built():
    from assessments.creation_logs import parse
    from assessments.creation_logs.errors import CreationLogError

    with pytest.raises(CreationLogError) as refused:
        parse(_native(",".join(["{}"] * 2_100_000)), "bomb.json")
    assert refused.value.code == "too_many_objects" and refused.value.status == 422
    assert "2,100,002 JSON objects and arrays; the limit is 2,000,000" in str(refused.value)


def test_a_log_past_the_step_limit_names_the_limit_and_the_count():
    from assessments.creation_logs import parse
    from assessments.creation_logs.errors import CreationLogError

    with pytest.raises(CreationLogError) as refused:
        parse(_native(",".join(['{"action":"generate"}'] * 100_001)), "long.json")
    assert refused.value.code == "too_many_steps" and refused.value.status == 422
    assert "100,001 steps; the limit is 100,000" in str(refused.value)


def test_a_prompt_that_mentions_action_does_not_count_as_a_step():
    from assessments.creation_logs import parse

    prompt = '\\"action\\": ' * 5
    log = parse(_native('{"action":"generate","prompt":"' + prompt + '"}'), "one.json")
    assert len(log.steps) == 1

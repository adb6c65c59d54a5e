"""Formats with no real sample (hand-made files), the project's own format, and merging."""

import json

from assessments.creation_logs import CreationLog, merge, parse

from .conftest import png_with_text

MJ_DESCRIPTION = (
    "a lighthouse on a cliff at dusk, oil painting --ar 2:1 --stylize 80 --v 6 "
    "Job ID: a7421d2f-b262-44f9-977c-ac23e9c7d3e3"
)


def test_midjourney_description_in_a_png():
    log = parse(png_with_text({"Description": MJ_DESCRIPTION, "Author": "someone"}), "mj.png")
    step = log.steps[0]
    assert (log.source_format, step.tool, step.tool_version) == ("midjourney", "Midjourney", "6")
    assert step.prompt == "a lighthouse on a cliff at dusk, oil painting"
    assert step.params.extra["ar"] == "2:1"
    assert step.params.extra["job_id"] == "a7421d2f-b262-44f9-977c-ac23e9c7d3e3"


def test_pasted_midjourney_prompt_log_with_timestamps_and_negatives():
    text = (
        "2024-05-02T10:05:00Z /imagine prompt: a red fox in snow --ar 3:2 --no people, cars --seed 1234 --v 6\n"
        "2024-05-02T10:01:00Z /imagine prompt: https://example.org/sketch.png a fox --v 6\n"
    )
    log = parse(text.encode(), "prompts.txt")
    assert log.source_format == "midjourney"
    merged = merge([log])
    assert [s.prompt for s in merged.steps] == ["a fox", "a red fox in snow"]
    fox = merged.steps[1]
    assert fox.negative_prompt == "people, cars"
    assert fox.params.seed == 1234
    assert merged.steps[0].inputs[0].role == "reference"
    assert "user_supplied" in [w.code for w in log.warnings]


def test_dream_command_line_as_text():
    log = parse(b'"a castle [fog, blur]" -s 30 -S 77 -W 512 -H 512 -C 7.5 -A k_lms', "dream.txt")
    step = log.steps[0]
    assert (step.prompt, step.negative_prompt, step.params.seed) == ("a castle", "fog, blur", 77)


def test_native_format_round_trips():
    body = {
        "format": "aigc-creation-log/1",
        "tool": "Stable Diffusion",
        "steps": [
            {
                "at": "2024-01-01T10:00:00Z",
                "action": "generate",
                "prompt": "a girl in a garden",
                "params": {
                    "seed": 1,
                    "steps": 30,
                    "cfg_scale": 7,
                    "loras": [{"name": "x", "weight": 0.5}],
                },
            },
            {
                "action": "inpaint",
                "inputs": [{"role": "mask", "origin": "own"}],
                "note": "fixed the hand",
            },
            {"action": "select", "selected": ["b.png"]},
        ],
    }
    log = parse(json.dumps(body).encode(), "log.json")
    assert [s.action for s in log.steps] == ["generate", "inpaint", "select"]
    again = parse(log.model_dump_json().encode(), "again.json")
    assert again.steps == log.steps


def test_json_schema_is_generated_from_the_model():
    schema = CreationLog.model_json_schema()
    assert schema["properties"]["format"]["const"] == "aigc-creation-log/1"
    action = schema["$defs"]["Step"]["properties"]["action"]
    assert set(action["enum"]) == {
        "generate",
        "img2img",
        "inpaint",
        "outpaint",
        "upscale",
        "select",
        "edit",
        "arrange",
    }


def _infotext(prompt: str, seed: int) -> str:
    return f"{prompt}\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: {seed}, Size: 8x8"


def test_merge_links_iterations_and_init_images():
    first = parse(png_with_text({"parameters": _infotext("a cat", 5)}), "one.png")
    second = parse(png_with_text({"parameters": _infotext("a black cat, moonlight", 5)}), "two.png")
    comfy = {
        "1": {"class_type": "LoadImage", "inputs": {"image": "two.png"}},
        "2": {"class_type": "VAEEncode", "inputs": {"pixels": ["1", 0]}},
        "3": {"class_type": "CLIPTextEncode", "inputs": {"text": "a black cat, moonlight, oil"}},
        "4": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 9,
                "steps": 20,
                "cfg": 6,
                "denoise": 0.4,
                "positive": ["3", 0],
                "negative": ["3", 0],
                "latent_image": ["2", 0],
            },
        },
    }
    third = parse(json.dumps(comfy).encode(), "workflow_api.json")
    merged = merge([first, second, third])
    assert [s.action for s in merged.steps] == ["generate", "generate", "img2img"]
    assert merged.steps[1].links[0].kind == "same_seed"
    assert merged.steps[2].links[0].kind == "init_image"
    assert merged.steps[2].links[0].step == 1
    assert [f.name for f in merged.files] == ["one.png", "two.png", "workflow_api.json"]

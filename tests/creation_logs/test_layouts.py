"""Two layouts of real files, made as test files in the same layout (files/make_files.py)."""

from pathlib import Path

from assessments.creation_logs import parse
from assessments.rules import Intake, extract_evidence

FILES = Path(__file__).resolve().parent / "files"


def _parse(name: str):
    return parse((FILES / name).read_bytes(), name)


def test_a_civitai_upscale_job_gives_the_generation_and_the_upscale():
    log = _parse("civitai_upscale_extrametadata.jpeg")
    assert (log.source_format, log.tool) == ("civitai", "Civitai")
    generation, upscale = log.steps
    assert generation.action == "generate"
    assert generation.prompt == "a lighthouse on a cliff at dawn, oil painting, dramatic clouds"
    assert generation.negative_prompt == "blurry, lowres"
    params = generation.params
    assert (params.seed, params.steps, params.cfg_scale, params.sampler) == (
        1234567890,
        30,
        7.0,
        "DPM++ 2M Karras",
    )
    assert (params.width, params.height, params.clip_skip) == (832, 1216, 2)
    assert upscale.action == "upscale" and upscale.model == "4x_NMKD-Siax_200k.pth"
    assert (upscale.params.width, upscale.params.height) == (1664, 2432)
    assert upscale.inputs[0].origin == "ai" and upscale.inputs[0].name.startswith("https://")
    assert upscale.links[0].step == 0
    assert "no_generation_metadata" not in [w.code for w in log.warnings]


def test_the_upscale_is_not_counted_as_a_new_generation_of_the_users():
    evidence = extract_evidence(
        Intake(jurisdictions=["CN"]), [_parse("civitai_upscale_extrametadata.jpeg")]
    )
    assert evidence.own_inputs == 0
    assert evidence.distinct_prompts == 1


def test_a_savers_placeholder_text_loses_to_the_executed_graph():
    log = _parse("comfyui_image_saver_placeholders.png")
    assert log.source_format == "comfyui"
    (step,) = log.steps
    assert step.prompt.startswith("portrait of an old fisherman mending nets")
    assert step.negative_prompt == "cartoon, blurry, extra fingers"
    assert (step.params.seed, step.params.steps, step.params.cfg_scale) == (874512369, 28, 5.5)
    assert (step.params.width, step.params.height) == (832, 1216)
    assert "saver_placeholder" in [w.code for w in log.warnings]


def test_a_saver_text_that_agrees_with_the_graph_is_kept():
    import io
    import json

    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    graph = {
        "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "sdxl.safetensors"}},
        "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 768, "height": 768}},
        "6": {"class_type": "CLIPTextEncode", "inputs": {"text": "a red kite", "clip": ["4", 1]}},
        "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "blurry", "clip": ["4", 1]}},
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 42,
                "steps": 20,
                "cfg": 7,
                "sampler_name": "euler",
                "scheduler": "normal",
                "denoise": 1,
                "model": ["4", 0],
                "positive": ["6", 0],
                "negative": ["7", 0],
                "latent_image": ["5", 0],
            },
        },
    }
    info = PngInfo()
    info.add_text(
        "parameters",
        "a red kite\nNegative prompt: blurry\nSteps: 20, Sampler: Euler, CFG scale: 7, "
        "Seed: 42, Size: 768x768, Model: sdxl",
    )
    info.add_text("prompt", json.dumps(graph))
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "PNG", pnginfo=info)
    log = parse(buffer.getvalue(), "kite.png")
    assert log.source_format == "a1111" and log.steps[0].prompt == "a red kite"
    assert "saver_placeholder" not in [w.code for w in log.warnings]

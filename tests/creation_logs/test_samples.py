"""Every real sample parses to its tool with the right prompt, negative prompt and seed."""

import json

import pytest

from assessments.creation_logs import parse

EXPECTED = [
    (
        "a1111/enslo_civitai.jpeg",
        "civitai",
        "Civitai",
        1311178179,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/enslo_easy-reforge.parameters.txt",
        "a1111",
        "reForge",
        2582194946,
        "1girl, solo, hatsune mik",
        "bad anatomy, wor",
    ),
    (
        "a1111/enslo_sd-next.jpg",
        "a1111",
        "SD.Next",
        899700607,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/enslo_sd-webui-hires.parameters.txt",
        "a1111",
        "AUTOMATIC1111",
        3888671826,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/enslo_sd-webui.jpg",
        "a1111",
        "AUTOMATIC1111",
        3623174757,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/enslo_sd-webui.png",
        "a1111",
        "AUTOMATIC1111",
        3782896554,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/enslo_sd-webui.webp",
        "a1111",
        "AUTOMATIC1111",
        1028435836,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "a1111/sdparsers_automatic1111_cropped.jpg",
        "a1111",
        "AUTOMATIC1111",
        235284042,
        "photo of a duck",
        "monochrome",
    ),
    (
        "a1111/sdparsers_automatic1111_cropped.png",
        "a1111",
        "AUTOMATIC1111",
        235284042,
        "photo of a duck",
        "monochrome",
    ),
    (
        "a1111/sdparsers_automatic1111_stealth.png",
        "a1111",
        "AUTOMATIC1111",
        2015833630,
        "a circle",
        "a square",
    ),
    (
        "a1111/sdparsers_text_after_idat_ztxt.png",
        "a1111",
        "AUTOMATIC1111",
        235284042,
        "photo of a duck",
        "monochrome",
    ),
    ("c2pa/c2papython_C.jpg", "c2pa", "Make Test Images 0.26.0", None, "", None),
    ("c2pa/c2papython_C.reader.json", "c2pa", None, None, "", None),
    ("c2pa/enslo_chatgpt-image2.manifest.c2pa", "c2pa", "gpt-image", None, "", None),
    ("c2pa/enslo_chatgpt-image2.reader.json", "c2pa", None, None, "", None),
    (
        "c2pa/enslo_gemini_3.1pro.manifest.c2pa",
        "c2pa",
        "Google C2PA Core Generator Library 925321024:925321024",
        None,
        "",
        None,
    ),
    ("c2pa/enslo_gemini_3.1pro.reader.json", "c2pa", None, None, "", None),
    (
        "comfyui/comfyexamples_img2img_workflow.png",
        "comfyui",
        "ComfyUI",
        280823642470253,
        "photograph of victorian ",
        "watermark, text",
    ),
    (
        "comfyui/comfyexamples_inpaint_example.api-prompt.json",
        "comfyui",
        "ComfyUI",
        1040111309094545,
        "closeup photograph of ma",
        "watermark, text",
    ),
    (
        "comfyui/comfyexamples_inpaint_example.png",
        "comfyui",
        "ComfyUI",
        1040111309094545,
        "closeup photograph of ma",
        "watermark, text",
    ),
    (
        "comfyui/comfyexamples_inpaint_example.ui-workflow.json",
        "comfyui",
        "ComfyUI",
        1040111309094545,
        "closeup photograph of ma",
        "watermark, text",
    ),
    (
        "comfyui/comfyexamples_text_to_video_wan.ui-workflow.json",
        "comfyui",
        "ComfyUI",
        82628696717253,
        "a fox moving quickly in ",
        "色调艳丽，过曝，静态，细节模糊不",
    ),
    (
        "comfyui/enslo_comfyui-anima.png",
        "comfyui",
        "ComfyUI",
        662066908990052,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "comfyui/enslo_comfyui-animated-webp.webp",
        "comfyui",
        "ComfyUI",
        270932924124066,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "comfyui/enslo_comfyui-save-image-extended.jpeg",
        "comfyui",
        "ComfyUI",
        813617545434765,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "comfyui/enslo_comfyui-saveimage-plus.jpg",
        "comfyui",
        "ComfyUI",
        577723948579568,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "comfyui/enslo_krea2_subgraph.png",
        "comfyui",
        "ComfyUI",
        371644226245214,
        "初音ミクのポートレート。美麗な2Dアニメイラスト",
        None,
    ),
    (
        "comfyui/sdparsers_comfyui_img2img_cropped.png",
        "comfyui",
        "ComfyUI",
        280823642470253,
        "photograph of victorian ",
        "watermark, text",
    ),
    (
        "comfyui/sdparsers_comfyui_unclip_2pass_cropped.png",
        "comfyui",
        "ComfyUI",
        1106257833005336,
        "(waifu, anime, exception",
        "lowres, (bad ana",
    ),
    (
        "fooocus/enslo_ruined-fooocus.png",
        "ruinedfooocus",
        "RuinedFooocus",
        2020047614,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "fooocus/sdparsers_fooocus1_cropped.png",
        "fooocus",
        "Fooocus",
        6952411511246973023,
        "a smiling goldfish",
        None,
    ),
    (
        "forge/enslo_forge-classic.jpeg",
        "a1111",
        "Forge Classic",
        2547514258,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "forge/enslo_forge-neo-adetailer.png",
        "a1111",
        "Forge Neo",
        4179307297,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "forge/enslo_reforge-hires.webp",
        "a1111",
        "reForge",
        1010990389,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "invokeai/enslo_invokeai.png",
        "invokeai",
        "InvokeAI",
        3951921344,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "invokeai/sdparsers_invokeai_dream1.png",
        "invokeai",
        "InvokeAI",
        2980747362,
        "professional full body p",
        "rendering, glowi",
    ),
    (
        "invokeai/sdparsers_invokeai_imeta1.png",
        "invokeai",
        "InvokeAI",
        3293022630,
        "digital artwork, oil pai",
        "grainy+, photo, ",
    ),
    (
        "invokeai/sdparsers_invokeai_sdmeta1.png",
        "invokeai",
        "InvokeAI",
        2980747362,
        "professional full body p",
        "rendering, glowi",
    ),
    ("negative/enslo_gimp-resaved.jpg", "none", None, None, "", None),
    ("negative/sdparsers_empty_image.png", "none", None, None, "", None),
    (
        "novelai/enslo_novelai-curated.webp",
        "novelai",
        "NovelAI",
        880673757,
        "1girl, solo, hatsune mik",
        "blurry, lowres, ",
    ),
    (
        "novelai/enslo_novelai-full-3char.png",
        "novelai",
        "NovelAI",
        1702945580,
        "2girls, 1boy, dancing, #",
        "nsfw, lowres, ar",
    ),
    (
        "novelai/sdparsers_novelai1_cropped.png",
        "novelai",
        "NovelAI",
        2253955223,
        "masterpiece, best qualit",
        "lowres, bad anat",
    ),
    (
        "other/enslo_civitai-hires-comfyjson.jpg",
        "comfyui",
        "Civitai",
        1311178179,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "other/enslo_huggingface-space.parameters.json",
        "json-parameters",
        "Hugging Face Space / Gradio app",
        443800072,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "other/enslo_stability-matrix.png",
        "stabilitymatrix",
        "Stability Matrix",
        395309383,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "other/enslo_tensorart.png",
        "tensorart",
        "TensorArt",
        3036459311,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "swarmui/enslo_swarmui.jpg",
        "swarmui",
        "SwarmUI",
        697543491,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
    (
        "swarmui/enslo_swarmui.png",
        "swarmui",
        "SwarmUI",
        2083100758,
        "general, masterpiece, be",
        "bad quality, wor",
    ),
]


@pytest.mark.parametrize(
    "path, fmt, tool, seed, prompt, negative", EXPECTED, ids=[e[0] for e in EXPECTED]
)
def test_sample(samples, path, fmt, tool, seed, prompt, negative):
    data = (samples / path).read_bytes()
    log = parse(data, path.rsplit("/", 1)[-1])
    assert log.source_format == fmt
    assert log.tool == tool
    assert log.files[0].sha256 and log.files[0].size == len(data)
    if fmt == "none":
        assert log.steps == []
        assert [w.code for w in log.warnings] == ["no_generation_metadata"]
        return
    step = log.steps[0]
    assert (step.params.seed if step.params else None) == seed
    assert (step.prompt or "").startswith(prompt)
    if negative is None:
        assert not step.negative_prompt
    else:
        assert step.negative_prompt.startswith(negative)
    # Nothing invented: the seed and the start of the prompt stand in the file's own carriers.
    raw = "\n".join(c.text or "" for c in log.carriers) or data.decode("utf-8", "replace")
    decoded = raw + "\n" + _unescaped(raw)
    if seed is not None:
        assert str(seed) in decoded
    if prompt:
        assert prompt[:12] in decoded


def _unescaped(text: str) -> str:
    """JSON carriers escape non-ASCII text; decode each JSON document found to compare."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith("{"):
            try:
                out.append(json.dumps(json.loads(line), ensure_ascii=False))
            except ValueError:
                continue
    return "\n".join(out)


def test_every_sample_is_covered(samples):
    files = {
        str(p.relative_to(samples)) for p in samples.rglob("*") if p.is_file() and p.suffix != ".md"
    }
    assert files == {e[0] for e in EXPECTED}


def test_novelai_v4_character_prompts_are_kept(samples):
    log = parse((samples / "novelai/enslo_novelai-full-3char.png").read_bytes())
    characters = [p for p in log.steps[0].prompts if p.role == "character"]
    assert [c.text for c in characters][:1] == ["girl, hatsune miku, spread arms,"]
    assert len(characters) == 3
    assert characters[0].label == "character 1 at x=0.5 y=0.3"
    assert log.provenance[0].standard == "novelai_signature"


def test_lora_hashes_in_quotes_survive(samples):
    log = parse((samples / "a1111/enslo_easy-reforge.parameters.txt").read_bytes())
    lora = log.steps[0].params.loras[0]
    assert (lora.name, lora.weight, lora.hash) == ("NoobV065sHyperDmd", 1.0, "45b5bd0819cf")


def test_fooocus_separates_typed_text_from_expansion(samples):
    step = parse((samples / "fooocus/sdparsers_fooocus1_cropped.png").read_bytes()).steps[0]
    assert step.prompt == "a smiling goldfish"
    assert step.prompt_author == "human"
    authors = {p.author for p in step.prompts if p.role == "expanded"}
    assert authors == {"llm_expansion", "style_template"}


def test_comfyui_inpaint_and_img2img_are_recognised(samples):
    inpaint = parse((samples / "comfyui/comfyexamples_inpaint_example.png").read_bytes()).steps[0]
    assert inpaint.action == "inpaint"
    assert {i.role for i in inpaint.inputs} == {"init", "mask"}
    img2img = parse((samples / "comfyui/comfyexamples_img2img_workflow.png").read_bytes()).steps[0]
    assert img2img.action == "img2img"
    assert img2img.params.denoise == pytest.approx(0.87)


def test_comfyui_two_passes_and_llm_expansion(samples):
    log = parse((samples / "comfyui/enslo_comfyui-anima.png").read_bytes())
    assert [s.action for s in log.steps] == ["generate", "upscale"]
    assert log.graph.nodes == 21
    krea = parse((samples / "comfyui/enslo_krea2_subgraph.png").read_bytes())
    assert krea.steps[0].prompt_author == "llm_expansion"
    assert krea.graph.subgraphs > 0


def test_c2pa_provenance_without_network(samples):
    log = parse((samples / "c2pa/enslo_chatgpt-image2.manifest.c2pa").read_bytes())
    provenance = log.provenance[0]
    assert provenance.signer == "OpenAI OpCo, LLC"
    assert provenance.digital_source_type == "trainedAlgorithmicMedia"
    assert "c2pa.created" in provenance.actions
    assert provenance.validation_state == "Invalid"  # stored as read, never a gate
    jpeg = parse((samples / "c2pa/c2papython_C.jpg").read_bytes())
    assert jpeg.provenance[0].actions == ["c2pa.created"]
    assert not jpeg.provenance[0].detached


def test_a_manifest_read_without_its_file_claims_nothing_about_file_bytes(samples):
    """A sidecar manifest has no asset beside it: the reader's data-hash mismatch is about the
    missing file, so it is not kept as if the file had been changed after signing."""
    provenance = parse((samples / "c2pa/enslo_chatgpt-image2.manifest.c2pa").read_bytes())
    provenance = provenance.provenance[0]
    assert provenance.detached
    assert "signingCredential.invalid" in provenance.validation_codes
    assert not any(code.endswith("Hash.mismatch") for code in provenance.validation_codes)


def test_text_chunk_after_image_data_is_read(samples):
    log = parse((samples / "a1111/sdparsers_text_after_idat_ztxt.png").read_bytes())
    assert any(c.key == "parameters" and c.note == "zTXt" for c in log.carriers)


def test_utf16_byte_orders_are_detected(samples):
    big = parse((samples / "a1111/enslo_sd-webui.jpg").read_bytes()).steps[0]
    little = parse((samples / "swarmui/enslo_swarmui.jpg").read_bytes()).steps[0]
    assert "テスト" in big.prompt
    assert "テスト" in little.prompt


def test_mojibake_is_repaired(samples):
    step = parse((samples / "other/enslo_stability-matrix.png").read_bytes()).steps[0]
    assert "テスト" in step.prompt

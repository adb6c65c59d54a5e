"""Makes the two layout files of this folder (run from the repository root). Each reproduces a
layout seen in real files, with invented content:

- civitai_upscale_extrametadata.jpeg: Civitai's generator, for an upscale job, writes into the
  JPEG's EXIF UserComment (UTF-16, "UNICODE" prefix) the job's ComfyUI API graph (only the
  upscale: UpscaleModelLoader, LoadImage from a URL, ImageUpscaleWithModel, SaveImage) with
  top-level "extra" and "extraMetadata", a JSON string holding the original generation; Artist is
  "ai" and Software the job's UUID.
- comfyui_image_saver_placeholders.png: a "Save Image w/Metadata"-style saver node writes an
  A1111-style "parameters" chunk from its own unconnected widgets (prompt and negative "unknown",
  seed 0, 512x512) beside the executed API graph in "prompt".
"""

import io
import json

from PIL import Image
from PIL.PngImagePlugin import PngInfo


def civitai_upscale() -> None:
    meta = {
        "prompt": "a lighthouse on a cliff at dawn, oil painting, dramatic clouds",
        "negativePrompt": "blurry, lowres",
        "cfgScale": 7,
        "sampler": "DPM++ 2M Karras",
        "clipSkip": 2,
        "steps": 30,
        "seed": 1234567890,
        "width": 832,
        "height": 1216,
        "baseModel": "SDXL 1.0",
        "resources": [
            {"modelVersionId": 128078, "strength": 1},
            {"modelVersionId": 135867, "strength": 0.8},
        ],
        "transformations": [{"type": "upscale", "upscaleWidth": 1664, "upscaleHeight": 2432}],
    }
    graph = {
        "1": {
            "class_type": "UpscaleModelLoader",
            "inputs": {"model_name": "4x_NMKD-Siax_200k.pth"},
            "_meta": {"title": "Load Upscale Model"},
        },
        "2": {
            "class_type": "LoadImage",
            "inputs": {
                "image": "https://orchestration.civitai.com/v2/consumer/blobs/EXAMPLEBLOBID0123456789.jpeg",
                "upload": "image",
            },
            "_meta": {"title": "Load Image"},
        },
        "3": {
            "class_type": "ImageUpscaleWithModel",
            "inputs": {"upscale_model": ["1", 0], "image": ["2", 0]},
            "_meta": {"title": "Upscale Image (using Model)"},
        },
        "4": {
            "class_type": "SaveImage",
            "inputs": {"filename_prefix": "ComfyUI", "images": ["3", 0]},
            "_meta": {"title": "Save Image"},
        },
        "extra": {"airs": ["urn:air:other:upscaler:civitai:147759@164821"]},
        "extraMetadata": json.dumps(meta),
    }
    payload = json.dumps(graph)
    img = Image.new("RGB", (64, 96), (30, 60, 90))
    exif = Image.Exif()
    exif[0x013B] = "ai"  # Artist
    exif[0x0131] = "3f2a9c1e-7b4d-4e2a-9f61-0c8d5b7a1e23"  # Software: the job UUID
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + payload.encode("utf-16-be")
    buf = io.BytesIO()
    img.save(buf, "JPEG", exif=exif.tobytes(), quality=85)
    open("tests/creation_logs/files/civitai_upscale_extrametadata.jpeg", "wb").write(buf.getvalue())
    print(len(buf.getvalue()))


def image_saver_placeholders() -> None:
    graph = {
        "4": {
            "class_type": "CheckpointLoaderSimple",
            "inputs": {"ckpt_name": "juggernautXL_v9.safetensors"},
        },
        "5": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 832, "height": 1216, "batch_size": 1},
        },
        "6": {
            "class_type": "CLIPTextEncode",
            "inputs": {
                "text": "portrait of an old fisherman mending nets, harbour at dusk, soft rim light, 85mm",
                "clip": ["4", 1],
            },
        },
        "7": {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": "cartoon, blurry, extra fingers", "clip": ["4", 1]},
        },
        "3": {
            "class_type": "KSampler",
            "inputs": {
                "seed": 874512369,
                "steps": 28,
                "cfg": 5.5,
                "sampler_name": "dpmpp_2m",
                "scheduler": "karras",
                "denoise": 1.0,
                "model": ["4", 0],
                "positive": ["6", 0],
                "negative": ["7", 0],
                "latent_image": ["5", 0],
            },
        },
        "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
        "9": {
            "class_type": "Save Image w/Metadata",
            "inputs": {
                "images": ["8", 0],
                "filename": "%time_%seed",
                "path": "",
                "extension": "png",
                "steps": 20,
                "cfg": 8.0,
                "modelname": "juggernautXL_v9.safetensors",
                "sampler_name": "euler",
                "scheduler": "normal",
                "positive": "unknown",
                "negative": "unknown",
                "seed_value": 0,
                "width": 512,
                "height": 512,
                "lossless_webp": True,
                "quality_jpeg_or_webp": 100,
                "counter": 0,
                "time_format": "%Y-%m-%d-%H%M%S",
            },
        },
    }
    parameters = "unknown\nNegative prompt: unknown\nSteps: 20, Sampler: euler_normal, CFG scale: 8.0, Seed: 0, Size: 512x512, Model hash: 0e9c0b8c7c, Model: juggernautXL_v9, Version: ComfyUI"
    info = PngInfo()
    info.add_text("parameters", parameters)
    info.add_text("prompt", json.dumps(graph))
    buf = io.BytesIO()
    Image.new("RGB", (64, 96), (120, 90, 60)).save(buf, "PNG", pnginfo=info)
    open("tests/creation_logs/files/comfyui_image_saver_placeholders.png", "wb").write(
        buf.getvalue()
    )
    print(len(buf.getvalue()))


if __name__ == "__main__":
    civitai_upscale()
    image_saver_placeholders()

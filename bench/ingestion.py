"""Ingestion benchmark: parse generated creation logs of growing size.

- ``aigc-creation-log/1`` JSON of 1,000 / 10,000 / 100,000 steps;
- a ComfyUI API graph of 500 / 5,000 nodes (chains of samplers with prompts and LoRAs).

Each size runs in a fresh interpreter: seconds (best of 3) and the peak resident memory added by
parsing, against the file's size. Targets (issue 3): under 1 s, memory under 4x the file,
growth linear.
"""

import argparse
import json
import sys
import time

from bench.common import peak_rss_bytes, run_isolated, save


def native_log(steps: int) -> bytes:
    actions = ["generate", "img2img", "inpaint", "select", "edit"]
    body = {
        "format": "aigc-creation-log/1",
        "tool": "Stable Diffusion",
        "steps": [
            {
                "at": f"2024-01-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                "action": actions[i % len(actions)],
                "prompt": f"portrait of a woman in a red coat, step {i}, rim light, 35mm film",
                "negative_prompt": "blurry, lowres",
                "params": {
                    "seed": 1000 + i,
                    "steps": 30,
                    "cfg_scale": 7.0,
                    "sampler": "Euler a",
                    "width": 1024,
                    "height": 1024,
                    "loras": [{"name": "film", "weight": 0.6}],
                },
                "outputs": [{"name": f"out-{i}.png"}],
            }
            for i in range(steps)
        ],
    }
    return json.dumps(body).encode()


def comfy_graph(nodes: int) -> bytes:
    graph: dict[str, dict[str, object]] = {
        "ckpt": {
            "class_type": "CheckpointLoaderSimple",
            "inputs": {"ckpt_name": "model.safetensors"},
        },
        "latent": {
            "class_type": "EmptyLatentImage",
            "inputs": {"width": 1024, "height": 1024, "batch_size": 1},
        },
    }
    previous = "latent"
    index = 0
    while len(graph) + 5 <= nodes:
        graph[f"lora{index}"] = {
            "class_type": "LoraLoader",
            "inputs": {
                "lora_name": f"style{index}.safetensors",
                "strength_model": 0.7,
                "strength_clip": 0.7,
                "model": ["ckpt", 0],
                "clip": ["ckpt", 1],
            },
        }
        graph[f"pos{index}"] = {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": f"a castle on a hill, pass {index}", "clip": [f"lora{index}", 1]},
        }
        graph[f"neg{index}"] = {
            "class_type": "CLIPTextEncode",
            "inputs": {"text": "blurry", "clip": [f"lora{index}", 1]},
        }
        graph[f"ks{index}"] = {
            "class_type": "KSampler",
            "inputs": {
                "seed": index,
                "steps": 20,
                "cfg": 7,
                "sampler_name": "euler",
                "scheduler": "normal",
                "denoise": 0.5 if index else 1.0,
                "model": [f"lora{index}", 0],
                "positive": [f"pos{index}", 0],
                "negative": [f"neg{index}", 0],
                "latent_image": [previous, 0],
            },
        }
        graph[f"up{index}"] = {
            "class_type": "LatentUpscaleBy",
            "inputs": {
                "upscale_method": "nearest-exact",
                "scale_by": 1.0,
                "samples": [f"ks{index}", 0],
            },
        }
        previous = f"up{index}"
        index += 1
    return json.dumps(graph).encode()


def measure(kind: str, size: int) -> dict[str, float]:
    from assessments.creation_logs import parse

    data = native_log(size) if kind == "native" else comfy_graph(size)
    baseline = peak_rss_bytes()
    start = time.perf_counter()
    log = parse(data, f"{kind}.json")
    timings = [time.perf_counter() - start]
    peak = peak_rss_bytes() - baseline
    steps_out = len(log.steps)
    for _ in range(2):
        del log
        start = time.perf_counter()
        log = parse(data, f"{kind}.json")
        timings.append(time.perf_counter() - start)
    del log
    return {
        "kind": kind,
        "size": size,
        "file_mb": round(len(data) / 1e6, 2),
        "steps_out": steps_out,
        "seconds": round(min(timings), 3),
        "peak_mb": round(max(peak, 0) / 1e6, 1),
        "memory_x_file": round(max(peak, 0) / len(data), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", nargs=2, metavar=("KIND", "SIZE"))
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    rows = [
        run_isolated("bench.ingestion", "--one", "native", str(n)) for n in (1_000, 10_000, 100_000)
    ]
    rows += [run_isolated("bench.ingestion", "--one", "comfyui", str(n)) for n in (500, 5_000)]
    print("Ingestion (parse): target < 1 s, memory < 4x file, linear growth")
    columns = ("kind", "size", "file_mb", "steps_out", "seconds", "peak_mb", "memory_x_file")
    print(" ".join(f"{c:>13}" for c in columns))
    for r in rows:
        print(" ".join(f"{r[c]!s:>13}" for c in columns))
    native = {r["size"]: r for r in rows if r["kind"] == "native"}
    growth = native[100_000]["seconds"] / max(native[10_000]["seconds"], 1e-9)
    print(f"time growth 10k -> 100k steps: x{growth:.1f} (x10 is linear)")
    save("ingestion", {"rows": rows, "growth_10k_to_100k": round(growth, 2)})
    sys.stdout.flush()


if __name__ == "__main__":
    main()

"""ComfyUI graphs: the API ``prompt`` (what the server executed) and the UI ``workflow``.

Prompts are traced from each sampler's ``positive``/``negative`` (or guider) inputs back through
any node type, collecting the string inputs named ``text*``/``prompt*`` on the way, so custom
prompt nodes and ``SamplerCustomAdvanced`` graphs (Flux, Krea, Wan) work as well as ``KSampler``.
A UI workflow is first converted to the API shape: links resolved, muted and bypassed nodes
dropped, widget values named per node type. Nothing in a graph is executed or fetched.
"""

from collections import deque
from typing import Any

from .limits import MAX_GRAPH_NODES
from .schema import (
    Action,
    ControlNet,
    GraphStats,
    Input,
    Lora,
    Params,
    PromptAuthor,
    PromptText,
    Step,
)
from .text import as_float, as_int, as_seed, as_text

Graph = dict[str, dict[str, Any]]

SAMPLER_HINTS = ("Sampler",)
TEXT_INPUT_PREFIXES = ("text", "prompt", "positive_prompt", "string", "wildcard")
INPAINT_NODES = ("VAEEncodeForInpaint", "InpaintModelConditioning", "SetLatentNoiseMask")
UPSCALE_HINTS = ("Upscale", "ImageScale", "LatentScale")
WILDCARD_HINTS = ("Wildcard", "DynamicPrompt", "RandomPrompt", "ImpactWildcard")
LLM_HINTS = (
    "LLM",
    "Ollama",
    "GPT",
    "Florence",
    "Qwen",
    "Gemini",
    "PromptEnhance",
    "Expand",
    "TextGenerate",
)
# A string that instructs a language model is not the picture's prompt: it is listed, but the
# text the person wrote about the picture is preferred as the step's prompt.
INSTRUCTION_OPENINGS = ("you are", "act as", "system:", "rewrite", "expand the")
STRING_NODE_HINTS = ("String", "Text", "Prompt", "Primitive")
CORE_NODE_PREFIXES = (
    "KSampler",
    "CLIPTextEncode",
    "CheckpointLoader",
    "VAE",
    "EmptyLatent",
    "LoadImage",
    "SaveImage",
    "PreviewImage",
    "LoraLoader",
    "ControlNet",
    "Conditioning",
    "Latent",
    "Image",
    "UNETLoader",
    "CLIPLoader",
    "DualCLIPLoader",
    "RandomNoise",
    "KSamplerSelect",
    "BasicScheduler",
    "BasicGuider",
    "CFGGuider",
    "SamplerCustom",
    "ModelSampling",
    "Empty",
    "SaveAnimated",
    "SaveWEBM",
    "FluxGuidance",
    "Note",
    "MarkdownNote",
    "Primitive",
    "Reroute",
    "InpaintModelConditioning",
    "SetLatentNoiseMask",
    "unCLIP",
    "CLIPVision",
    "StyleModel",
)

# Widget names of the common UI nodes, in widgets_values order ("control" entries are the UI's
# control_after_generate value that follows a seed).
WIDGETS = {
    "CLIPTextEncode": ["text"],
    "KSampler": ["seed", "control", "steps", "cfg", "sampler_name", "scheduler", "denoise"],
    "KSamplerAdvanced": [
        "add_noise",
        "noise_seed",
        "control",
        "steps",
        "cfg",
        "sampler_name",
        "scheduler",
        "start_at_step",
        "end_at_step",
        "return_with_leftover_noise",
    ],
    "CheckpointLoaderSimple": ["ckpt_name"],
    "CheckpointLoader": ["config_name", "ckpt_name"],
    "UNETLoader": ["unet_name", "weight_dtype"],
    "LoraLoader": ["lora_name", "strength_model", "strength_clip"],
    "LoraLoaderModelOnly": ["lora_name", "strength_model"],
    "EmptyLatentImage": ["width", "height", "batch_size"],
    "EmptySD3LatentImage": ["width", "height", "batch_size"],
    "EmptyHunyuanLatentVideo": ["width", "height", "length", "batch_size"],
    "LoadImage": ["image", "upload"],
    "VAEEncodeForInpaint": ["grow_mask_by"],
    "RandomNoise": ["noise_seed", "control"],
    "KSamplerSelect": ["sampler_name"],
    "BasicScheduler": ["scheduler", "steps", "denoise"],
    "CFGGuider": ["cfg"],
    "FluxGuidance": ["guidance"],
    "ControlNetLoader": ["control_net_name"],
    "ControlNetApply": ["strength"],
    "ControlNetApplyAdvanced": ["strength", "start_percent", "end_percent"],
    "CLIPSetLastLayer": ["stop_at_clip_layer"],
    "LatentUpscale": ["upscale_method", "width", "height", "crop"],
    "LatentUpscaleBy": ["upscale_method", "scale_by"],
    "Note": ["text"],
    "MarkdownNote": ["text"],
}


def is_api_graph(data: Any) -> bool:
    if not isinstance(data, dict) or not data:
        return False
    nodes = [v for v in data.values() if isinstance(v, dict)]
    return bool(nodes) and sum("class_type" in n for n in nodes) >= max(1, len(nodes) // 2)


def is_ui_workflow(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("nodes"), list) and "links" in data


def _link(value: Any) -> str | None:
    if (
        isinstance(value, list)
        and len(value) == 2
        and isinstance(value[0], str | int)
        and isinstance(value[1], int)
    ):
        return str(value[0])
    return None


def ui_to_api(workflow: dict[str, Any]) -> tuple[Graph, list[str]]:
    """Convert a UI workflow to the API shape; returns the graph and the notes' texts."""
    nodes: list[dict[str, Any]] = [n for n in workflow.get("nodes", []) if isinstance(n, dict)]
    for subgraph in (workflow.get("definitions") or {}).get("subgraphs") or []:
        if isinstance(subgraph, dict):
            nodes += [n for n in subgraph.get("nodes", []) if isinstance(n, dict)]
    links: dict[Any, tuple[str, int]] = {}
    for link in workflow.get("links") or []:
        if isinstance(link, list) and len(link) >= 5:
            links[link[0]] = (str(link[1]), int(link[2]) if isinstance(link[2], int) else 0)
        elif isinstance(link, dict) and "id" in link:
            links[link["id"]] = (str(link.get("origin_id")), int(link.get("origin_slot") or 0))
    graph: Graph = {}
    notes: list[str] = []
    for node in nodes[:MAX_GRAPH_NODES]:
        node_type = str(node.get("type", ""))
        widgets = node.get("widgets_values")
        if node_type in ("Note", "MarkdownNote"):
            if isinstance(widgets, list) and widgets and isinstance(widgets[0], str):
                notes.append(widgets[0])
            continue
        if node.get("mode") in (2, 4):  # muted or bypassed: not executed
            continue
        inputs: dict[str, Any] = {}
        if isinstance(widgets, list):
            names = WIDGETS.get(node_type) or [
                entry["widget"]["name"]
                for entry in node.get("inputs") or []
                if isinstance(entry, dict) and isinstance(entry.get("widget"), dict)
            ]
            for index, value in enumerate(widgets):
                name = names[index] if index < len(names) else f"widget_{index}"
                if name != "control":
                    inputs[name] = value
        elif isinstance(widgets, dict):
            inputs.update(widgets)
        for entry in node.get("inputs") or []:
            if isinstance(entry, dict) and entry.get("link") in links:
                source, slot = links[entry["link"]]
                inputs[str(entry.get("name"))] = [source, slot]
        graph[str(node.get("id"))] = {
            "class_type": node_type,
            "inputs": inputs,
            "_meta": {"title": node.get("title")} if node.get("title") else {},
        }
    return graph, notes


class _Analyzer:
    def __init__(self, graph: Graph) -> None:
        self.graph = {k: v for k, v in list(graph.items())[:MAX_GRAPH_NODES] if isinstance(v, dict)}

    def node(self, node_id: str | None) -> dict[str, Any] | None:
        return self.graph.get(node_id) if node_id is not None else None

    def kind(self, node_id: str | None) -> str:
        node = self.node(node_id)
        return str(node.get("class_type", "")) if node else ""

    def inputs(self, node_id: str | None) -> dict[str, Any]:
        node = self.node(node_id)
        value = node.get("inputs") if node else None
        return value if isinstance(value, dict) else {}

    def upstream(
        self, start: str | None, *, stop: frozenset[str] = frozenset(), limit: int = 5000
    ) -> list[str]:
        """Breadth-first ids of every node feeding ``start`` (itself included), not crossing
        the ``stop`` nodes (their own inputs are not followed)."""
        if start is None or start not in self.graph:
            return []
        seen, queue, order = {start}, deque([start]), [start]
        while queue and len(order) < limit:
            current = queue.popleft()
            if current in stop and current != start:
                continue
            for value in self.inputs(current).values():
                source = _link(value)
                if source is not None and source in self.graph and source not in seen:
                    seen.add(source)
                    queue.append(source)
                    order.append(source)
        return order

    def topological_order(self) -> dict[str, int]:
        """Position of each node in an order where every node comes after its inputs (Kahn);
        nodes on a cycle, which a valid graph does not have, come last."""
        consumers: dict[str, list[str]] = {node_id: [] for node_id in self.graph}
        pending = dict.fromkeys(self.graph, 0)
        for node_id in self.graph:
            for value in self.inputs(node_id).values():
                source = _link(value)
                if source is not None and source in self.graph:
                    consumers[source].append(node_id)
                    pending[node_id] += 1
        queue = deque(sorted(n for n, count in pending.items() if count == 0))
        position: dict[str, int] = {}
        while queue:
            node_id = queue.popleft()
            position[node_id] = len(position)
            for consumer in consumers[node_id]:
                pending[consumer] -= 1
                if pending[consumer] == 0:
                    queue.append(consumer)
        return position

    def resolve(self, node_id: str, name: str, depth: int = 0) -> Any:
        """A literal input, following links to primitive or settings nodes."""
        value = self.inputs(node_id).get(name)
        source = _link(value)
        if source is None:
            return value
        if depth > 8:
            return None
        source_inputs = self.inputs(source)
        for key in (name, "value", "seed", "noise_seed", "int", "float", "string", "text"):
            if key in source_inputs:
                return self.resolve(source, key, depth + 1)
        literals = [v for v in source_inputs.values() if _link(v) is None]
        return literals[0] if len(literals) == 1 else None

    def texts(self, start: str | None) -> list[tuple[str, str, str]]:
        """(text, node id, node type) of the prompt strings feeding ``start``."""
        found = []
        for node_id in self.upstream(start):
            kind = self.kind(node_id)
            string_node = any(h in kind for h in STRING_NODE_HINTS)
            for name, value in self.inputs(node_id).items():
                lowered = name.lower()
                if (
                    isinstance(value, str)
                    and value.strip()
                    and (
                        lowered.startswith(TEXT_INPUT_PREFIXES)
                        or (string_node and lowered in ("value", "string_a", "string_b"))
                    )
                ):
                    if (value.strip(), node_id, kind) not in found:
                        found.append((value.strip(), node_id, kind))
        return sorted(found, key=lambda t: t[0].lower().startswith(INSTRUCTION_OPENINGS))

    def samplers(self) -> list[str]:
        ids = []
        for node_id, node in self.graph.items():
            kind = str(node.get("class_type", ""))
            inputs = self.inputs(node_id)
            if any(h in kind for h in SAMPLER_HINTS) and (
                "positive" in inputs or "guider" in inputs or "latent_image" in inputs
            ):
                ids.append(node_id)
        return ids


def _author(node_types: list[str]) -> PromptAuthor | None:
    if any(h in t for t in node_types for h in WILDCARD_HINTS):
        return "wildcard"
    if any(h in t for t in node_types for h in LLM_HINTS):
        return "llm_expansion"
    return None


def analyze(graph: Graph, *, source: str, tool: str = "ComfyUI") -> tuple[list[Step], GraphStats]:
    a = _Analyzer(graph)
    samplers = a.samplers()
    # Order samplers so a pass that consumes another's output comes after it.
    order = a.topological_order()
    ordered = sorted(samplers, key=lambda s: (order.get(s, len(order)), s))
    sampler_set = frozenset(samplers)
    steps = [_sampler_step(a, s, sampler_set, source=source, tool=tool) for s in ordered]
    if not steps:
        steps = _model_upscales(a, source=source, tool=tool)
    if not steps:
        texts = [t for node_id in a.graph for t in a.texts(node_id) if t[1] == node_id]
        if texts:
            steps = [
                Step(
                    action="generate",
                    tool=tool,
                    prompt=texts[0][0],
                    prompts=tuple(
                        PromptText(role="positive", text=t, label=k) for t, _, k in texts[1:]
                    ),
                    note="No sampler node found: every prompt text of the graph is listed.",
                    source=source,
                )
            ]
    types = sorted({str(n.get("class_type", "")) for n in a.graph.values()})
    stats = GraphStats(
        nodes=len(a.graph),
        node_types=types,
        samplers=len(samplers),
        subgraphs=sum(1 for k in a.graph if ":" in k),
        custom_node_types=[t for t in types if not t.startswith(CORE_NODE_PREFIXES)],
    )
    return steps, stats


def _model_upscales(a: _Analyzer, *, source: str, tool: str) -> list[Step]:
    """A graph without a sampler that upscales a loaded image with an upscale model (a hosted
    generator's "upscale" job, a user's upscale-only workflow): one upscale step per node, with
    the upscale model and the image it started from."""
    steps = []
    for node_id in a.graph:
        if a.kind(node_id) != "ImageUpscaleWithModel":
            continue
        inputs = a.inputs(node_id)
        model = next(
            (
                as_text(a.inputs(n).get("model_name"))
                for n in a.upstream(_link(inputs.get("upscale_model")))
                if a.kind(n).startswith("UpscaleModelLoader")
            ),
            None,
        )
        images = [
            Input(role="init", name=as_text(a.inputs(n).get("image")))
            for n in a.upstream(_link(inputs.get("image")))
            if a.kind(n).startswith("LoadImage")
        ]
        steps.append(
            Step(action="upscale", tool=tool, model=model, inputs=tuple(images[:1]), source=source)
        )
    return steps


def _sampler_step(
    a: _Analyzer, sampler: str, samplers: frozenset[str], *, source: str, tool: str
) -> Step:
    inputs = a.inputs(sampler)
    guider = _link(inputs.get("guider"))
    conditioning_owner = guider if guider is not None else sampler
    owner_inputs = a.inputs(conditioning_owner)
    positive_key = "positive" if "positive" in owner_inputs else "conditioning"
    positive = a.texts(_link(owner_inputs.get(positive_key)))
    negative_source = _link(owner_inputs.get("negative"))
    # A zeroed-out copy of the positive conditioning is no negative prompt at all.
    negative = [] if a.kind(negative_source) == "ConditioningZeroOut" else a.texts(negative_source)
    if positive and negative:
        negative_texts = {t for t, _, _ in negative}
        positive = [p for p in positive if p[0] not in negative_texts] or positive

    noise = _link(inputs.get("noise"))
    sigmas = _link(inputs.get("sigmas"))
    sampler_select = _link(inputs.get("sampler"))
    seed = as_seed(
        a.resolve(sampler, "seed") if "seed" in inputs else a.resolve(sampler, "noise_seed")
    )
    if seed is None and noise is not None:
        seed = as_seed(a.resolve(noise, "noise_seed"))
    steps = as_int(a.resolve(sampler, "steps")) if "steps" in inputs else None
    denoise = as_float(a.resolve(sampler, "denoise")) if "denoise" in inputs else None
    scheduler = as_text(a.resolve(sampler, "scheduler")) if "scheduler" in inputs else None
    if sigmas is not None:
        steps = steps or as_int(a.resolve(sigmas, "steps"))
        denoise = denoise if denoise is not None else as_float(a.resolve(sigmas, "denoise"))
        scheduler = scheduler or as_text(a.resolve(sigmas, "scheduler"))
    cfg = as_float(a.resolve(conditioning_owner, "cfg")) if "cfg" in owner_inputs else None
    sampler_name = as_text(a.resolve(sampler, "sampler_name")) if "sampler_name" in inputs else None
    if sampler_name is None and sampler_select is not None:
        sampler_name = as_text(a.resolve(sampler_select, "sampler_name"))

    # The model and LoRAs along the model input.
    model, loras = None, []
    model_source = _link(inputs.get("model")) or _link(owner_inputs.get("model"))
    for node_id in a.upstream(model_source):
        node_inputs = a.inputs(node_id)
        for key in ("ckpt_name", "unet_name", "model_name", "base_ckpt_name"):
            if model is None and isinstance(node_inputs.get(key), str):
                model = node_inputs[key]
        if isinstance(node_inputs.get("lora_name"), str):
            loras.append(
                Lora(
                    name=node_inputs["lora_name"],
                    weight=as_float(node_inputs.get("strength_model")),
                )
            )

    # What the latent starts from: empty (generate), encoded pixels (img2img), a mask (inpaint),
    # or another sampler's output (a second pass).
    latent = _link(inputs.get("latent_image"))
    # Other samplers bound the walk (their inputs belong to their own steps). The set of all of
    # them serves: in a graph without cycles a sampler never feeds its own inputs. (A set built
    # per sampler without itself made a graph of many samplers quadratic.)
    other_samplers = samplers
    latent_nodes = a.upstream(latent, stop=other_samplers)
    latent_kinds = [a.kind(n) for n in latent_nodes]
    width = height = None
    for node_id in latent_nodes:
        node_inputs = a.inputs(node_id)
        if "Empty" in a.kind(node_id):
            width, height = as_int(node_inputs.get("width")), as_int(node_inputs.get("height"))
            break
    previous = [n for n in latent_nodes if n in samplers and n != sampler]
    step_inputs: list[Input] = []
    conditioning_kinds = [
        a.kind(n) for n in a.upstream(_link(owner_inputs.get(positive_key)), stop=other_samplers)
    ]
    action: Action
    if any(k.startswith(INPAINT_NODES) for k in latent_kinds + conditioning_kinds):
        action = "inpaint"
    elif previous:
        action = (
            "upscale" if any(h in k for k in latent_kinds for h in UPSCALE_HINTS) else "img2img"
        )
    elif any(k.startswith("VAEEncode") for k in latent_kinds):
        action = "img2img"
    else:
        action = "generate"
    for node_id in latent_nodes:
        if a.kind(node_id).startswith("LoadImage"):
            name = as_text(a.inputs(node_id).get("image"))
            step_inputs.append(Input(role="init", name=name))
            if action == "inpaint":
                step_inputs.append(Input(role="mask", name=name))
    controlnets = []
    for node_id in a.upstream(_link(owner_inputs.get(positive_key)), stop=other_samplers):
        kind = a.kind(node_id)
        if kind.startswith("ControlNetApply"):
            cn_inputs = a.inputs(node_id)
            cn_model = None
            for up in a.upstream(_link(cn_inputs.get("control_net"))):
                cn_model = cn_model or as_text(a.inputs(up).get("control_net_name"))
            controlnets.append(
                ControlNet(model=cn_model, weight=as_float(cn_inputs.get("strength")))
            )
            for up in a.upstream(_link(cn_inputs.get("image"))):
                if a.kind(up).startswith("LoadImage"):
                    step_inputs.append(
                        Input(role="control", name=as_text(a.inputs(up).get("image")))
                    )
        elif "IPAdapter" in kind or kind.startswith(("unCLIP", "StyleModelApply")):
            for up in a.upstream(node_id):
                if a.kind(up).startswith("LoadImage"):
                    step_inputs.append(
                        Input(role="reference", name=as_text(a.inputs(up).get("image")))
                    )

    unique_inputs: list[Input] = []
    for item in step_inputs:
        if item not in unique_inputs:
            unique_inputs.append(item)
    step_inputs = unique_inputs
    node = a.node(sampler) or {}
    title = (node.get("_meta") or {}).get("title") if isinstance(node.get("_meta"), dict) else None
    prompts = [
        PromptText(role="positive", text=text, label=f"{kind} #{nid}")
        for text, nid, kind in positive[1:]
    ] + [
        PromptText(role="negative", text=text, label=f"{kind} #{nid}")
        for text, nid, kind in negative[1:]
    ]
    return Step(
        action=action,
        tool=tool,
        model=model,
        prompt=positive[0][0] if positive else None,
        negative_prompt=negative[0][0] if negative else None,
        prompt_author=_author(conditioning_kinds),
        prompts=tuple(prompts),
        params=Params(
            seed=seed,
            steps=steps,
            cfg_scale=cfg,
            sampler=sampler_name,
            scheduler=scheduler,
            width=width,
            height=height,
            denoise=denoise,
            loras=tuple(loras),
            controlnets=tuple(controlnets),
            extra={"sampler_node": f"{a.kind(sampler)} #{sampler}"}
            | ({"title": title} if title else {}),
        ),
        inputs=tuple(step_inputs),
        source=source,
        note=f"Second pass over the output of sampler #{previous[0]}." if previous else None,
    )

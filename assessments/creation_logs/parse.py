"""``parse(data, filename)``: detect the format by content and return the normalized log.

Detection never trusts the file name or a key name alone: the ``parameters`` key holds five
different formats and UserComment four (FORMATS.md §6.6), so each carrier's content decides.
"""

import dataclasses
import hashlib
import io
import re
from typing import Any

import imagehash
from PIL import Image, UnidentifiedImageError
from pydantic import ValidationError

from . import (
    c2pa_manifest,
    comfyui,
    fooocus,
    hosted,
    infotext,
    invokeai,
    midjourney,
    novelai,
    swarmui,
)
from .carriers import Harvest, harvest, read_stealth, sniff_container
from .errors import SUPPORTED_FORMATS, CreationLogError
from .limits import MAX_FILE_BYTES, MAX_LOG_STEPS, MAX_STEALTH_PIXELS
from .memory import gc_paused
from .native import (
    RE_STEP,
    check_steps,
    invalid_log,
    is_native,
    parse_native,
    parse_native_json,
)
from .schema import (
    CreationLog,
    GraphStats,
    Link,
    Params,
    Provenance,
    SourceFile,
    Step,
    Warning,
)
from .text import check_json_size, check_json_text, load_json, normalize_newlines

_RE_XMP_FIELD = re.compile(
    r"<(?P<tag>(?:dc:description|exif:UserComment|Iptc4xmpExt:AIPromptInformation|"
    r"Iptc4xmpExt:DigitalSourceType|Iptc4xmpExt:AISystemUsed|xmp:CreatorTool))[^>]*>(?P<body>.*?)</(?P=tag)>",
    re.S,
)
_RE_XMP_ATTR = re.compile(
    r'(?P<tag>Iptc4xmpExt:DigitalSourceType|Iptc4xmpExt:AISystemUsed|xmp:CreatorTool)="(?P<body>[^"]*)"'
)


# The project's own format names itself first; such a file is validated straight from its
# bytes by pydantic-core, without an intermediate Python dict.
_RE_NATIVE_HEAD = re.compile(r'^\{\s*"format"\s*:\s*"aigc-creation-log/1"')


def supported_formats_text() -> str:
    return "Supported: " + "; ".join(SUPPORTED_FORMATS) + "."


def parse(data: bytes, filename: str | None = None) -> CreationLog:
    """Turn one uploaded file into a creation log, or raise ``CreationLogError``."""
    with gc_paused():
        try:
            return _parse(data, filename)
        except ValidationError as exc:
            # A reader built a step the log's model refuses: a text past its limit (a pasted
            # prompt of a million characters) or a value of the wrong kind. Named, never a 500.
            raise over_limit(exc) from exc


def precheck(data: bytes, filename: str | None = None) -> str:
    """The quick refusals of ``parse``, without building the log: size, text encoding, JSON
    containers and steps past their limits. Returns what the file is: ``"json"`` (a JSON text,
    whose parse time grows with its size), ``"text"`` or the container (``"png"``, ...)."""
    if not data:
        raise CreationLogError("empty_file", "The file is empty. " + supported_formats_text())
    if len(data) > MAX_FILE_BYTES:
        raise CreationLogError(
            "file_too_large", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    container = sniff_container(data)
    if container is not None:
        return container
    stripped = _text(data).strip()
    if not stripped or stripped[0] not in "{[":
        return "text"
    check_json_text(stripped, what="file")
    check_json_size(stripped, what="file")
    if _RE_NATIVE_HEAD.search(stripped[:4096]) and stripped.count('"action"') > MAX_LOG_STEPS:
        check_steps(len(RE_STEP.findall(stripped)))
    return "json"


def over_limit(exc: ValidationError) -> CreationLogError:
    for error in exc.errors():
        if error["type"] == "string_too_long":
            field = ".".join(str(p) for p in error["loc"]) or "text"
            limit = int((error.get("ctx") or {}).get("max_length", 0))
            size = len(error["input"]) if isinstance(error.get("input"), str) else 0
            return CreationLogError(
                "text_too_long",
                f"The {field} is {size:,} characters long; the limit is {limit:,}.",
            )
    return invalid_log(exc)


def _parse(data: bytes, filename: str | None) -> CreationLog:
    if not data:
        raise CreationLogError("empty_file", "The file is empty. " + supported_formats_text())
    if len(data) > MAX_FILE_BYTES:
        raise CreationLogError(
            "file_too_large", f"The file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."
        )
    name = _display_name(filename)
    container = sniff_container(data)
    if container is None:
        log = _parse_text(data, name)
        log.files = [_file(data, name, "json" if log.source_format != "a1111" else "text")]
        return log
    if container == "c2pa":
        store = c2pa_manifest.read_store(data, "c2pa")
        if store is None:
            raise CreationLogError("invalid_c2pa", "The C2PA manifest store could not be read.")
        provenance, steps = c2pa_manifest.to_provenance(store, source=f"{name}:c2pa", detached=True)
        return CreationLog(
            source_format="c2pa",
            tool=steps[0].tool if steps else None,
            steps=steps,
            provenance=provenance,
            files=[_file(data, name, "c2pa")],
        )
    found = harvest(data, container)
    log = _from_carriers(found, name, data)
    if found.has_c2pa:
        store = c2pa_manifest.read_store(data, container)
        if store is None:
            log.warnings.append(
                Warning(
                    code="c2pa_unreadable", message="A C2PA manifest is present but unreadable."
                )
            )
        else:
            provenance, steps = c2pa_manifest.to_provenance(store, source=f"{name}:c2pa")
            log.provenance += provenance
            if not log.steps:
                log.steps = steps
                log.source_format = "c2pa"
                log.tool = steps[0].tool if steps else log.tool
    if not log.steps and not log.provenance:
        log.source_format = "none"
        log.warnings.append(
            Warning(
                code="no_generation_metadata",
                message="No generation metadata was found in this file. It still counts as the "
                "final image; keep the tool's logs or original files to show the process.",
            )
        )
    phash = perceptual_hash(data, found)
    log.warnings = found.warnings + log.warnings
    log.carriers = found.carriers
    log.files = [_file(data, name, container, width=found.width, height=found.height)]
    log.files[0].phash = phash
    _check_size(log, found)
    return log


def perceptual_hash(data: bytes, found: Harvest) -> str | None:
    """The image's 64-bit perceptual hash (imagehash.phash: a DCT of the 32x32 greyscale
    picture), for comparing it with third parties' pictures; None when the pixels cannot be
    decoded or are too many to decode within the memory budget (warned)."""
    if found.width and found.height and found.width * found.height > MAX_STEALTH_PIXELS:
        found.warn("hash_skipped", "The image is too large to compare with other pictures.")
        return None
    try:
        with Image.open(io.BytesIO(data)) as image:
            return image_phash(image)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None


def image_phash(image: Image.Image) -> str:
    """The 64-bit perceptual hash of an opened image, in hex: the one way the app hashes a
    picture (uploads here, curators' reference images in the library), so they compare."""
    image.draft("L", (256, 256))  # JPEG decodes at a reduced scale: fast, small
    return str(imagehash.phash(image))


def _display_name(filename: str | None) -> str:
    if not filename:
        return "upload"
    # Only the last path component, printable, bounded: the name is shown, never used as a path.
    base = re.split(r"[\\/]", filename)[-1]
    base = "".join(ch for ch in base if ch.isprintable())[:200].strip()
    return base or "upload"


def _file(
    data: bytes, name: str, fmt: str, width: int | None = None, height: int | None = None
) -> SourceFile:
    return SourceFile(
        name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        format=fmt,
        width=width,
        height=height,
    )


def _check_size(log: CreationLog, found: Harvest) -> None:
    """Pixel size versus the recorded size: a mismatch without an upscale step is worth a look."""
    if not found.width or not log.steps:
        return
    params = log.steps[-1].params
    if (
        params
        and params.width
        and params.height
        and (params.width, params.height)
        != (
            found.width,
            found.height,
        )
    ):
        upscaled = any(
            s.action == "upscale"
            or (s.params and any("ires" in k or "pscale" in k for k in s.params.extra))
            for s in log.steps
        )
        if not upscaled:
            log.warnings.append(
                Warning(
                    code="size_mismatch",
                    message=f"The image is {found.width}x{found.height} but its metadata records "
                    f"{params.width}x{params.height}: it was resized or the metadata belongs to "
                    "another image.",
                )
            )


def _text(data: bytes) -> str:
    if b"\x00" in data:
        raise CreationLogError(
            "unsupported_format",
            "The file is binary but not a PNG, JPEG, WebP, GIF or C2PA manifest. "
            + supported_formats_text(),
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CreationLogError(
            "invalid_utf8",
            f"The text is not valid UTF-8 (byte {exc.start}). Save it as UTF-8 and upload again.",
        ) from exc
    return normalize_newlines(text.lstrip("\ufeff"))


def _parse_text(data: bytes, name: str) -> CreationLog:
    text = _text(data)
    stripped = text.strip()
    if not stripped:
        raise CreationLogError("empty_file", "The file holds only white space.")
    source = f"{name}:text"
    if stripped[0] in "{[":
        if _RE_NATIVE_HEAD.search(stripped[:4096]):
            return _claimed(parse_native_json(stripped))
        return _parse_json(load_json(stripped, what="file"), name)
    step = infotext.to_step(stripped, source=source)
    if step is not None:
        log = _one_step("a1111", step)
        log.warnings.append(_unverified("an infotext file"))
        return log
    if invokeai.looks_like_dream(stripped):
        dream = invokeai.from_dream(stripped, source=source)
        if dream is not None:
            return CreationLog(
                source_format="invokeai",
                tool="InvokeAI",
                steps=[dream],
                warnings=[_unverified("a Dream command line")],
            )
    if midjourney.looks_like_prompt_log(stripped):
        steps = midjourney.parse_log(stripped, source=source)
        if steps:
            return CreationLog(
                source_format="midjourney",
                tool="Midjourney",
                steps=steps,
                warnings=[_unverified("a pasted Midjourney prompt log")],
            )
    raise CreationLogError(
        "unsupported_format",
        "This text is not a creation log this app can read. " + supported_formats_text(),
    )


def _claimed(log: CreationLog) -> CreationLog:
    """A log in the app's own format is what someone wrote down, however faithfully: a claim."""
    if not any(w.code == "user_supplied" for w in log.warnings):
        log.warnings.append(_unverified("a log written in this app's own format"))
    return log


def _unverified(what: str) -> Warning:
    return Warning(
        code="user_supplied",
        message=f"The log comes from {what}, not from the image itself: it is a claim until "
        "matched to the images (seed, size, hashes).",
    )


def _parse_json(data: Any, name: str) -> CreationLog:
    source = f"{name}:json"
    if is_native(data):
        return _claimed(parse_native(data))
    log = _from_json_value(data, source)
    if log is not None:
        log.warnings.append(_unverified("a JSON file"))
        return log
    if isinstance(data, dict) and "manifests" in data and "active_manifest" in data:
        provenance, steps = c2pa_manifest.to_provenance(data, source=source)
        return CreationLog(
            source_format="c2pa",
            steps=steps,
            provenance=provenance,
            warnings=[
                Warning(
                    code="unsigned_export",
                    message="A C2PA report exported as JSON "
                    "is not the signed manifest: upload the original image to verify it.",
                )
            ],
        )
    raise CreationLogError(
        "unsupported_format",
        "This JSON is not a creation log this app can read. " + supported_formats_text(),
    )


def _novelai(
    comment: Any, chunks: dict[str, Any], source: str, *, known: bool = False
) -> CreationLog | None:
    """NovelAI's ``Comment`` JSON with its companion fields (Description, Software, Source), as
    they come in PNG text chunks, in the WebP UserComment wrapper and in the alpha-channel copy.
    ``known``: the Software chunk already says NovelAI, so any Comment object is NovelAI's."""
    if isinstance(comment, str):
        comment = _json_or_none(comment)
    if not isinstance(comment, dict) or not (known or novelai.is_novelai(comment)):
        return None
    step, provenance = novelai.to_step(
        comment,
        description=chunks.get("Description"),
        software=chunks.get("Software"),
        source_model=chunks.get("Source"),
        source=source,
    )
    return CreationLog(
        source_format="novelai",
        tool="NovelAI",
        model=step.model,
        steps=[step],
        provenance=provenance,
    )


def _one_step(source_format: str, step: Step) -> CreationLog:
    """The log of a file that records one generation: its tool, version and model are the step's."""
    return CreationLog(
        source_format=source_format,
        tool=step.tool,
        tool_version=step.tool_version,
        model=step.model,
        steps=[step],
    )


def _from_json_value(data: Any, source: str, *, host: str | None = None) -> CreationLog | None:
    """A JSON value from any carrier: the formats that can stand in ``parameters``/UserComment."""
    if swarmui.is_swarmui(data):
        return _one_step("swarmui", swarmui.to_step(data, source=source))
    if fooocus.is_ruined_fooocus(data):
        return _one_step("ruinedfooocus", fooocus.from_ruined(data, source=source))
    if fooocus.is_fooocus(data):
        return _one_step("fooocus", fooocus.from_fooocus(data, source=source))
    if isinstance(data, dict):  # NovelAI: its Comment JSON, or the WebP UserComment wrapper
        log = _novelai(data.get("Comment"), data, source) or _novelai(data, {}, source)
        if log is not None:
            return log
    if isinstance(data, dict) and "extraMetadata" in data:
        log = _civitai_job(data, source, host=host)
        if log is not None:
            return log
    if isinstance(data, dict) and (
        comfyui.is_api_graph(data.get("prompt")) or comfyui.is_ui_workflow(data.get("workflow"))
    ):
        return _comfy(data.get("prompt"), data.get("workflow"), source, tool=host or "ComfyUI")
    if comfyui.is_api_graph(data):
        return _comfy(data, None, source, tool=host or "ComfyUI")
    if comfyui.is_ui_workflow(data):
        return _comfy(None, data, source, tool=host or "ComfyUI")
    if hosted.is_prompt_json(data):
        tool = host or "Hugging Face Space / Gradio app"
        step = hosted.to_step(data, tool=tool, source=source)
        return CreationLog(
            source_format="json-parameters", tool=tool, model=step.model, steps=[step]
        )
    return None


def _civitai_job(data: dict[str, Any], source: str, *, host: str | None) -> CreationLog | None:
    """Civitai's generator, for a job on an earlier image (an upscale), writes the job's ComfyUI
    API graph with ``extra`` and ``extraMetadata`` beside the nodes; ``extraMetadata`` (a JSON
    string) holds the original generation. Both are steps: the generation, then what the graph
    did to its image."""
    meta = data.get("extraMetadata")
    if isinstance(meta, str):
        meta = _json_or_none(meta)
    graph = {k: v for k, v in data.items() if k not in ("extra", "extraMetadata")}
    if not (isinstance(meta, dict) and hosted.is_prompt_json(meta) and comfyui.is_api_graph(graph)):
        return None
    tool = host or "Civitai"
    later, stats = comfyui.analyze(graph, source=source, tool=tool)
    if stats.samplers:
        # A job that samples (a hires pass) is its own record: extraMetadata then describes that
        # same job (its seed is the sampler's), not an earlier generation. The graph is read.
        return None
    generation = hosted.to_step(meta, tool=tool, source=f"{source} (extraMetadata)")
    steps: list[Step] = [generation]
    if later:
        for step in later:
            if step.action == "upscale":
                # The job ran on the generated image (the graph loads it by its address).
                step.inputs = tuple(dataclasses.replace(i, origin="ai") for i in step.inputs)
                step.links += (Link(kind="init_image", step=0, detail="Civitai job"),)
                size = _upscaled_size(meta)
                if size is not None:
                    step.params = Params(width=size[0], height=size[1])
        steps += later
    return CreationLog(
        source_format="civitai",
        tool=tool,
        model=generation.model,
        steps=steps,
        graph=stats,
    )


def _upscaled_size(meta: dict[str, Any]) -> tuple[int, int] | None:
    for item in meta.get("transformations") or []:
        if isinstance(item, dict) and item.get("type") == "upscale":
            width, height = item.get("upscaleWidth"), item.get("upscaleHeight")
            if isinstance(width, int) and isinstance(height, int):
                return width, height
    return None


def _comfy(api: Any, ui: Any, source: str, *, tool: str) -> CreationLog:
    notes: list[str] = []
    ui_stats = None
    if comfyui.is_ui_workflow(ui):
        ui_graph, notes = comfyui.ui_to_api(ui)
        ui_steps, ui_stats = comfyui.analyze(ui_graph, source=source, tool=tool)
        subgraphs = len(((ui.get("definitions") or {}).get("subgraphs")) or [])
        ui_stats.subgraphs = max(ui_stats.subgraphs, subgraphs)
    if comfyui.is_api_graph(api):
        # The API graph is what ran (muted nodes dropped); the UI workflow only adds notes.
        steps, stats = comfyui.analyze(api, source=source, tool=tool)
        if ui_stats is not None:
            stats.subgraphs = max(stats.subgraphs, ui_stats.subgraphs)
    else:
        steps, stats = ui_steps, ui_stats or GraphStats(nodes=0, node_types=[], samplers=0)
    if notes and steps:
        steps[0].note = "\n".join(
            filter(None, [steps[0].note, *("Workflow note: " + n for n in notes)])
        )
    return CreationLog(
        source_format="comfyui",
        tool=tool,
        model=next((s.model for s in steps if s.model), None),
        steps=steps,
        graph=stats,
    )


def _json_or_none(text: str) -> Any:
    stripped = text.strip()
    if not stripped or stripped[0] not in "{[":
        return None
    try:
        return load_json(stripped, what="metadata")
    except CreationLogError:
        return None


def _prefixed_json(text: str | None, prefix: str) -> Any:
    if text and text.lower().startswith(prefix.lower()):
        return _json_or_none(text[len(prefix) :])
    return None


PLACEHOLDERS = frozenset({"", "unknown", "none", "null", "undefined", "n/a"})


def _words(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _saver_disagrees(log: CreationLog, graph_log: CreationLog) -> str | None:
    """Why a text written beside an executed ComfyUI graph is not to be believed, or None.

    "Save Image w/Metadata"-style saver nodes write an A1111-style ``parameters`` text from their
    own widgets; unconnected, those hold placeholders (prompt "unknown", seed 0, 512x512) while
    the graph's sampler and text nodes hold what ran. The graph wins when the text's prompt is a
    placeholder or is none of the graph's prompts, or its seed or size is none of the graph's."""
    if log.source_format not in ("a1111", "civitai") or not log.steps:
        return None
    ran = graph_log.steps
    if not (graph_log.graph and graph_log.graph.samplers and ran):
        return None
    text = log.steps[0]
    prompts = {_words(s.prompt) for s in ran if s.prompt}
    if _words(text.prompt) in PLACEHOLDERS:
        return "The file's parameters text has a placeholder prompt; the executed graph's values are used."
    if prompts and _words(text.prompt) not in prompts:
        return "The file's parameters text contradicts the executed graph's prompt; the graph's values are used."
    seeds = {s.params.seed for s in ran if s.params and s.params.seed is not None}
    if text.params and text.params.seed is not None and seeds and text.params.seed not in seeds:
        return "The file's parameters text contradicts the executed graph's seed; the graph's values are used."
    return None


def _fill_from(primary: Step, graph_steps: list[Step]) -> None:
    """Values the host's JSON lacks (TensorArt writes seed -1) taken from the executed graph."""
    if not graph_steps or primary.params is None:
        return
    other = graph_steps[0].params or Params()
    for field in (
        "seed",
        "steps",
        "cfg_scale",
        "sampler",
        "scheduler",
        "width",
        "height",
        "denoise",
    ):
        if getattr(primary.params, field) is None and getattr(other, field) is not None:
            setattr(primary.params, field, getattr(other, field))
    primary.model = primary.model or graph_steps[0].model


def _from_carriers(found: Harvest, name: str, data: bytes) -> CreationLog:
    texts = found.texts

    def src(key: str) -> str:
        return f"{name}:{key}"

    graph_log: CreationLog | None = None
    api_graph = _json_or_none(texts.get("prompt", ""))
    ui_graph = _json_or_none(texts.get("workflow", ""))
    # ComfyUI in EXIF: core animated WebP (Model "prompt:{..}", Make "workflow:{..}") and
    # save-image-extended (Make "Prompt: {..}", ImageDescription "Workflow: {..}").
    for key in ("EXIF:Model", "EXIF:Make", "EXIF:ImageDescription"):
        api_graph = api_graph or _prefixed_json(texts.get(key), "prompt:")
        ui_graph = ui_graph or _prefixed_json(texts.get(key), "workflow:")
    if comfyui.is_api_graph(api_graph) or comfyui.is_ui_workflow(ui_graph):
        graph_log = _comfy(
            api_graph, ui_graph, src("prompt" if api_graph else "workflow"), tool="ComfyUI"
        )

    # InvokeAI, newest first.
    if "invokeai_metadata" in texts:
        meta = _json_or_none(texts["invokeai_metadata"])
        if isinstance(meta, dict):
            step = invokeai.from_metadata(meta, source=src("invokeai_metadata"))
            graph = _json_or_none(texts.get("invokeai_graph", ""))
            stats = None
            if isinstance(graph, dict) and isinstance(graph.get("nodes"), dict):
                nodes = [n for n in graph["nodes"].values() if isinstance(n, dict)]
                types = sorted({str(n.get("type")) for n in nodes})
                stats = GraphStats(
                    nodes=len(nodes), node_types=types, samplers=sum("denoise" in t for t in types)
                )
            return CreationLog(
                source_format="invokeai",
                tool="InvokeAI",
                tool_version=step.tool_version,
                model=step.model,
                steps=[step],
                graph=stats,
            )
    if "sd-metadata" in texts:
        meta = _json_or_none(texts["sd-metadata"])
        if isinstance(meta, dict):
            step = invokeai.from_sd_metadata(meta, source=src("sd-metadata"))
            return CreationLog(
                source_format="invokeai",
                tool="InvokeAI",
                tool_version=step.tool_version,
                model=step.model,
                steps=[step],
            )
    if "Dream" in texts:
        step_or_none = invokeai.from_dream(texts["Dream"], source=src("Dream"))
        if step_or_none is not None:
            return CreationLog(source_format="invokeai", tool="InvokeAI", steps=[step_or_none])

    # NovelAI PNG chunks.
    novelai_log = _novelai(
        texts.get("Comment"), texts, src("Comment"), known=texts.get("Software") == "NovelAI"
    )
    if novelai_log is not None:
        return novelai_log

    # The overloaded carriers: PNG parameters, EXIF UserComment (sub-IFD or IFD0), JPEG COM.
    host = None
    if texts.get("EXIF:Artist") == "ai" and re.fullmatch(
        r"[0-9a-f-]{36}", texts.get("EXIF:Software", "")
    ):
        host = "Civitai"  # the on-site generator writes a job UUID and Artist "ai"
    elif "smproj" in texts or "parameters-json" in texts:
        host = "Stability Matrix"
    elif "generation_data" in texts:
        host = "TensorArt"
    for key in ("parameters", "EXIF.Exif:UserComment", "EXIF:UserComment", "COM", "comment"):
        text = texts.get(key)
        if not text:
            continue
        log = _from_text_carrier(text, src(key), found, host)
        if log is not None:
            if graph_log is not None:
                problem = _saver_disagrees(log, graph_log)
                if problem is not None:
                    # A saver node wrote the text from its own widgets: what ran was the graph.
                    graph_log.warnings.append(Warning(code="saver_placeholder", message=problem))
                    return graph_log
                for step in log.steps:
                    _fill_from(step, graph_log.steps)
                log.graph = graph_log.graph
            return log

    if host == "TensorArt":
        generation = _json_or_none(texts["generation_data"])
        if isinstance(generation, dict):
            step = hosted.to_step(generation, tool="TensorArt", source=src("generation_data"))
            if graph_log is not None:
                _fill_from(step, graph_log.steps)
            return CreationLog(
                source_format="tensorart",
                tool="TensorArt",
                model=step.model,
                steps=[step],
                graph=graph_log.graph if graph_log else None,
            )
    if graph_log is not None:
        return graph_log

    # Midjourney: the Description chunk, or the XMP description.
    for key in ("Description", "EXIF:ImageDescription"):
        if texts.get(key) and midjourney.is_midjourney_description(texts[key]):
            step_or_none = midjourney.parse_line(texts[key], source=src(key))
            if step_or_none is not None:
                return CreationLog(
                    source_format="midjourney", tool="Midjourney", steps=[step_or_none]
                )
    xmp = texts.get("XMP")
    if xmp:
        log = _from_xmp(xmp, src("XMP"))
        if log is not None:
            return log

    # Last: the alpha-channel copy (NovelAI, A1111 stealth extension), behind size limits.
    stealth = read_stealth(data, found)
    if stealth:
        hidden = _json_or_none(stealth)
        if isinstance(hidden, dict):
            log = _novelai(hidden.get("Comment", hidden), hidden, src("stealth"))
            if log is not None:
                return log
        step_or_none = infotext.to_step(normalize_newlines(stealth), source=src("stealth"))
        if step_or_none is not None:
            return _one_step("a1111", step_or_none)
    return CreationLog()


def _from_text_carrier(
    text: str, source: str, found: Harvest, host: str | None
) -> CreationLog | None:
    data = _json_or_none(text)
    if data is not None:
        return _from_json_value(data, source, host=host)
    step = infotext.to_step(text, source=source, tool=host)
    if step is None:
        return None
    fmt = {"Civitai": "civitai", "Stability Matrix": "stabilitymatrix"}.get(
        step.tool or "", "a1111"
    )
    if step.params and "Civitai resources" in step.params.extra:
        fmt = "civitai"
    return _one_step(fmt, step)


def _from_xmp(xmp: str, source: str) -> CreationLog | None:
    fields: dict[str, str] = {}
    for match in list(_RE_XMP_FIELD.finditer(xmp)) + list(_RE_XMP_ATTR.finditer(xmp)):
        body = re.sub(r"<[^>]+>", " ", match.group("body"))
        fields.setdefault(match.group("tag"), " ".join(body.split()))
    prompt = fields.get("Iptc4xmpExt:AIPromptInformation")
    description = fields.get("dc:description", "")
    provenance = []
    if fields.get("Iptc4xmpExt:DigitalSourceType"):
        provenance.append(
            Provenance(
                standard="iptc",
                digital_source_type=fields["Iptc4xmpExt:DigitalSourceType"].rsplit("/", 1)[-1],
                claim_generator=fields.get("Iptc4xmpExt:AISystemUsed")
                or fields.get("xmp:CreatorTool"),
            )
        )
    if description and midjourney.is_midjourney_description(description):
        step = midjourney.parse_line(description, source=source)
        if step:
            return CreationLog(
                source_format="midjourney", tool="Midjourney", steps=[step], provenance=provenance
            )
    if prompt:
        tool = fields.get("Iptc4xmpExt:AISystemUsed") or fields.get("xmp:CreatorTool")
        return CreationLog(
            source_format="iptc",
            tool=tool,
            provenance=provenance,
            steps=[Step(action="generate", tool=tool, prompt=prompt, source=source)],
        )
    if provenance:
        return CreationLog(source_format="iptc", provenance=provenance)
    return None

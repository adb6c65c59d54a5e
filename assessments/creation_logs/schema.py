"""The normalized creation log: one timeline of human decisions, whatever tool wrote it.

It is a superset of the public ``aigc-creation-log/1`` format (DESIGN.md): a file in that format
validates against ``CreationLog`` as it is, and every parsed file comes out in it, with the extra
fields (source format, provenance, warnings, raw carriers) that a hand-written log may omit.
Unknown keys are refused so that a typo in a hand-written log is reported, not dropped.
"""

from datetime import datetime
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic.dataclasses import dataclass

FORMAT_ID: Final = "aigc-creation-log/1"

Action = Literal[
    "generate", "img2img", "inpaint", "outpaint", "upscale", "select", "edit", "arrange"
]
PromptAuthor = Literal[
    "human", "style_template", "llm_expansion", "model_rewrite", "wildcard", "unknown"
]
PromptRole = Literal[
    "positive",
    "negative",
    "hires",
    "hires_negative",
    "detailer",
    "detailer_negative",
    "character",
    "character_negative",
    "region",
    "template",
    "expanded",
    "original",
]
Scalar = str | int | float | bool | None
ShortText = Annotated[str, Field(max_length=200_000)]


# No infinities or NaN: they are not JSON and PostgreSQL refuses them.
_CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False)


class _Model(BaseModel):
    model_config = _CONFIG


# A log holds up to 100,000 steps, each with its parameters, LoRAs and outputs: these are slotted
# pydantic dataclasses (no instance dict, no set of the fields given: under half a model's
# memory) whose lists are tuples (the empty tuple is shared). Validation and JSON are pydantic's,
# as for the models; ``copy.copy``, ``dataclasses.replace`` and ``step_json`` stand in for ``model_copy`` and
# ``model_dump``.


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Lora:
    name: Annotated[str, Field(max_length=500)]
    weight: float | None = None
    hash: str | None = None


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class ControlNet:
    model: str | None = None
    module: str | None = None
    weight: float | None = None
    settings: dict[str, Scalar] = Field(default_factory=dict)


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Params:
    seed: int | None = None
    steps: int | None = None
    cfg_scale: float | None = None
    sampler: str | None = None
    scheduler: str | None = None
    width: int | None = None
    height: int | None = None
    denoise: float | None = Field(
        default=None, description="Denoising strength of img2img, inpaint or a second pass."
    )
    clip_skip: int | None = None
    loras: tuple[Lora, ...] = Field(default=())
    controlnets: tuple[ControlNet, ...] = Field(default=())
    extra: dict[str, Scalar] = Field(
        default_factory=dict, description="Every other parameter the file carried, verbatim."
    )


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class PromptText:
    role: PromptRole
    text: ShortText
    author: PromptAuthor = "unknown"
    label: str | None = Field(default=None, description="Node title, character position, ...")


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Input:
    role: Literal["init", "control", "mask", "reference"]
    origin: Literal["own", "third_party", "ai", "unknown"] = "unknown"
    sha256: str | None = None
    name: str | None = None


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Output:
    name: str | None = None
    sha256: str | None = None


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Link:
    """A connection between two steps of a merged timeline."""

    kind: Literal["init_image", "same_seed", "c2pa_ingredient", "same_prompt"]
    step: int = Field(description="Index of the earlier step this one builds on.")
    detail: str | None = None


@dataclass(config=_CONFIG, slots=True, kw_only=True)
class Step:
    at: datetime | None = None
    action: Action
    tool: str | None = None
    tool_version: str | None = None
    model: str | None = None
    model_hash: str | None = None
    prompt: ShortText | None = None
    negative_prompt: ShortText | None = None
    prompt_author: PromptAuthor | None = None
    prompts: tuple[PromptText, ...] = Field(
        default=(),
        description="Further prompt texts: hires, detailer, characters, templates.",
    )
    params: Params | None = None
    inputs: tuple[Input, ...] = Field(default=())
    outputs: tuple[Output, ...] = Field(default=())
    selected: tuple[str, ...] = Field(default=())
    note: ShortText | None = None
    source: str | None = Field(default=None, description="File and carrier the step came from.")
    links: tuple[Link, ...] = Field(default=())


class Provenance(_Model):
    """Content Credentials (C2PA) and other signed or standard provenance."""

    standard: Literal["c2pa", "novelai_signature", "iptc"] = "c2pa"
    claim_generator: str | None = None
    actions: list[str] = Field(default_factory=list)
    digital_source_type: str | None = None
    software_agents: list[str] = Field(default_factory=list)
    signer: str | None = None
    signed_at: str | None = None
    validation_state: str | None = None
    validation_codes: list[str] = Field(default_factory=list)
    ingredients: list[str] = Field(default_factory=list)
    # Read from a manifest file on its own (a sidecar), without the asset it signs: the asset's
    # hashes could not be compared, so their mismatch codes say nothing about any file.
    detached: bool = False


class Warning(_Model):  # noqa: A001 - the domain word
    code: str
    message: str


class Carrier(_Model):
    """One raw metadata carrier exactly as the file held it (decoded to text where it is text)."""

    container: Literal["png", "jpeg", "webp", "gif", "text", "json", "c2pa", "exif", "xmp"]
    key: str
    text: str | None = None
    size: int = Field(description="Size in bytes of the carrier as stored.")
    note: str | None = None


class GraphStats(_Model):
    nodes: int
    node_types: list[str]
    samplers: int
    subgraphs: int = 0
    custom_node_types: list[str] = Field(default_factory=list)


class SourceFile(_Model):
    name: str | None = None
    sha256: str
    size: int
    format: str
    width: int | None = None
    height: int | None = None
    phash: str | None = Field(
        default=None,
        pattern=r"^[0-9a-f]{16}$",
        description="64-bit perceptual hash of an image (imagehash.phash), for near-copy checks.",
    )


class CreationLog(_Model):
    format: Literal["aigc-creation-log/1"] = FORMAT_ID
    source_format: str | None = Field(
        default=None, description="Detected format, e.g. a1111, comfyui, novelai, c2pa, none."
    )
    tool: str | None = None
    tool_version: str | None = None
    model: str | None = None
    steps: list[Step] = Field(default_factory=list)
    provenance: list[Provenance] = Field(default_factory=list)
    graph: GraphStats | None = None
    files: list[SourceFile] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    carriers: list[Carrier] = Field(default_factory=list)

    @property
    def has_generation_metadata(self) -> bool:
        return bool(self.steps)


_STEP = TypeAdapter(Step)


def step_json(step: Step) -> dict[str, Any]:
    """One step as JSON data (``model_dump(mode="json")`` of a model)."""
    result: dict[str, Any] = _STEP.dump_python(step, mode="json")
    return result

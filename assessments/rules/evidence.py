"""``extract_evidence(intake, logs) -> Evidence``: everything the rules need, measured.

Each factor is a ``Measure``: a strength from 0 to 1, or ``None`` when the evidence cannot tell
(unknown is never "no"), with the facts it was measured from, each pointing at the step and the
text that produced it so that findings can quote it.
"""

import math
import re
from collections.abc import Iterable, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assessments.creation_logs.memory import gc_paused
from assessments.creation_logs.merge import merge
from assessments.creation_logs.schema import CreationLog, Input, Step

from . import vocabulary
from .intake import Intake
from .ruleset import Text, ToolDefaults, measures, tool_defaults


def _n(name: str) -> float:
    return measures().number(name)


# How counts become strengths (normalisers, calibration values) is data, with its basis:
# ``rulesets/measures.json``. Only the sizes of what a result quotes are set here.
# Facts quoted per measure; the count behind a measure still covers every step.
MAX_FACTS = 10
# Terms kept per category of expressive elements.
MAX_ELEMENTS = 10
QUOTE_MAX = 300


class Fact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Literal["log", "intake", "scenario", "provenance"]
    step: int | None = None
    quote: str
    # The fact in Chinese where the app worded it (``said``); a quote of the user's own text (a
    # prompt, a note) has none: it is quoted as written in both languages.
    quote_zh: str | None = None

    @classmethod
    def from_step(cls, index: int, text: str) -> "Fact":
        return cls(source="log", step=index, quote=text[:QUOTE_MAX])

    @classmethod
    def said(
        cls,
        source: Literal["log", "intake", "scenario", "provenance"],
        text_name: str,
        /,
        *,
        at: int | None = None,
        zh: Mapping[str, object] | None = None,
        **values: object,
    ) -> "Fact":
        """A fact the app words, from ``measures.json``'s text ``text_name`` in both languages
        (``zh`` gives the values that differ in Chinese: a role, an action, a setting)."""
        text = measures().texts[text_name]
        # The user's own words and the names of files and models keep their language: in the
        # Chinese wording they stand in Chinese quotation marks, as quoted text does.
        values_zh = {
            key: f"“{value}”"
            if key in QUOTED_VALUES and isinstance(value, str) and value
            else value
            for key, value in values.items()
        }
        return cls(
            source=source,
            step=at,
            quote=text.en.format(**values)[:QUOTE_MAX],
            quote_zh=text.zh.format(**(values_zh | dict(zh or {})))[:QUOTE_MAX],
        )


# Values of a fact that are quoted, not worded by the app (see ``Fact.said``).
QUOTED_VALUES = frozenset(
    {
        "author",
        "default",
        "detail",
        "file",
        "model",
        "name",
        "names",
        "note",
        "prompt",
        "region",
        "text",
        "units",
        "value",
    }
)
# The app's own words inside facts, in Chinese.
ACTION_ZH = {
    "generate": "生成",
    "img2img": "图生图",
    "inpaint": "局部重绘",
    "outpaint": "扩图",
    "upscale": "放大",
    "select": "选择",
    "edit": "修改",
    "arrange": "编排",
}
ROLE_ZH = {"init": "初始图", "control": "控制图", "mask": "蒙版", "reference": "参考图"}
SETTING_ZH = {
    "steps": "步数",
    "cfg scale": "CFG 引导系数",
    "sampler": "采样器",
    "scheduler": "调度器",
    "denoise": "重绘强度",
    "size": "尺寸",
}
EXTENT_ZH = {"none": "无", "minor": "轻微", "moderate": "亲手修改细节", "substantial": "实质性"}


class Measure(BaseModel):
    model_config = ConfigDict(extra="forbid")
    value: float | None = Field(default=None, ge=0.0, le=1.0)
    facts: list[Fact] = Field(default_factory=list)
    count: int | None = Field(
        default=None, ge=0, description="How many such facts the evidence has (facts quotes a few)."
    )
    claimed: bool = Field(
        default=False, description="Its value rests on a claim of the intake, not on a record."
    )

    @property
    def known(self) -> bool:
        return self.value is not None

    def at_least(self, threshold: float) -> bool:
        return self.value is not None and self.value >= threshold


ScreenKind = Literal["prompt", "lora", "model", "file_name", "input"]


class ScreenText(BaseModel):
    """Text the infringement screen reads, with where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    kind: ScreenKind
    text: str
    step: int | None = None


class ThirdPartyInput(BaseModel):
    """A third party's image used as an input, with what the log says of its weight: the
    denoising strength of an init image, the weight of a control; ``dominant`` when it imposes
    itself on the output, None when the log does not say."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    role: str
    name: str | None = None
    sha256: str | None = None
    denoise: float | None = None
    weight: float | None = None
    dominant: bool | None = None
    step: int | None = None

    @property
    def quote(self) -> str:
        what = f"third party's {self.role} {self.name or self.sha256 or ''}".strip()
        if self.denoise is not None:
            what += f" at denoising strength {self.denoise:g}"
        if self.weight is not None:
            what += f" at control weight {self.weight:g}"
        return what

    @property
    def quote_zh(self) -> str:
        role = INPUT_ROLES_ZH.get(self.role, self.role)
        what = f"第三方的{role}{self.name or self.sha256 or ''}"
        if self.denoise is not None:
            what += f"，重绘强度{self.denoise:g}"
        if self.weight is not None:
            what += f"，控制权重{self.weight:g}"
        return what


INPUT_ROLES_ZH = {"init": "初始图", "control": "控制图", "reference": "参考图", "mask": "蒙版"}


class ImageRef(BaseModel):
    """An uploaded image with its perceptual hash and what it is to the work: the final image,
    an output (when no final file is named), a third party's or the user's own input."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str | None = None
    sha256: str
    phash: str
    role: Literal["final", "output", "third_party_input", "own_input"]


class EvidenceQuality(BaseModel):
    model_config = ConfigDict(extra="forbid")
    steps: int = 0
    with_timestamp: int = 0
    with_seed: int = 0
    with_model: int = 0
    files: int = 0
    images_with_metadata: int = 0
    user_supplied_logs: int = 0
    c2pa: bool = False
    reproducible: bool | None = None
    contemporaneous: bool | None = None
    re_creation: bool = False
    process_records: bool | None = None


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")
    conception: Measure = Field(default_factory=Measure)  # F1
    specificity: Measure = Field(default_factory=Measure)  # F2
    elements: dict[str, list[str]] = Field(default_factory=dict)
    parameters: Measure = Field(default_factory=Measure)  # F3
    refinement: Measure = Field(default_factory=Measure)  # F4
    selection: Measure = Field(default_factory=Measure)  # F5
    localised: Measure = Field(default_factory=Measure)  # F6
    own_input: Measure = Field(default_factory=Measure)  # F7
    post_editing: Measure = Field(default_factory=Measure)  # F8
    arrangement: Measure = Field(default_factory=Measure)  # F9
    evidence_quality: Measure = Field(default_factory=Measure)  # F10
    quality: EvidenceQuality = Field(default_factory=EvidenceQuality)
    tool_terms: Measure = Field(default_factory=Measure)  # F11
    labelling: Measure = Field(default_factory=Measure)  # F12
    author_kind: Literal["natural_person", "legal_person", "ai"] | None = None
    author_name: str | None = None
    claimed_subject: Literal["output", "prompts"] = "output"
    work_kind: str | None = None
    dispute: bool | None = None
    screen: list[ScreenText] = Field(default_factory=list)
    third_party_inputs: list[ThirdPartyInput] = Field(default_factory=list)
    images: list[ImageRef] = Field(default_factory=list)
    # Generations that changed only the seed (the same prompt re-rolled) and the candidates seen:
    # raw counts the reports quote, which are not refinement or selection by themselves.
    rerolls: int = 0
    candidates: int = 0
    # Raw counts beside the measures (Result.quantities): generations, distinct prompts, prompt
    # revisions and how much each changed (the first MAX_FACTS shares, and the mean over all),
    # own inputs and the lowest denoising strength any was used at.
    generations: int = 0
    distinct_prompts: int = 0
    prompt_revisions: int = 0
    prompt_change_shares: list[float] = Field(default_factory=list)
    prompt_change_mean: float | None = None
    own_inputs: int = 0
    own_input_min_denoise: float | None = None
    # Generations that look like another work merged into the timeline (not counted as rounds).
    possibly_unrelated: int = 0
    # Edits whose description is only trivial operations, and removals of a label or watermark.
    trivial_edits: int = 0
    label_removals: list[Fact] = Field(default_factory=list)
    # Settings whose recording says whether they were chosen (their default is known, or they are
    # choices by nature); the chosen ones are parameters.count.
    settings_judged: int = 0
    # The intake's claim that the software only assisted, carrying out the person's own choices
    # (True), or generated the content (False); a claim the logs contradict (they record
    # generations from prompts) is reported and stands as False.
    tool_assisted: bool | None = None
    tool_role_facts: list[Fact] = Field(default_factory=list)
    intake: Intake | None = None

    def factor(self, code: str) -> Measure:
        return getattr(self, FACTOR_FIELDS[code])  # type: ignore[no-any-return]


FACTOR_FIELDS = {
    "F1": "conception",
    "F2": "specificity",
    "F3": "parameters",
    "F4": "refinement",
    "F5": "selection",
    "F6": "localised",
    "F7": "own_input",
    "F8": "post_editing",
    "F9": "arrangement",
    "F10": "evidence_quality",
    "F11": "tool_terms",
    "F12": "labelling",
}


class _Quotes:
    """Counts every fact of a measure and builds only the first ``limit`` (a long log has tens of
    thousands of steps; a report quotes a handful)."""

    def __init__(self, limit: int = MAX_FACTS) -> None:
        self.count = 0
        self.facts: list[Fact] = []
        self.limit = limit

    def take(self) -> bool:
        """Count one more fact; True when it is among those to quote (build it then)."""
        self.count += 1
        return len(self.facts) < self.limit

    def add(self, fact: Fact) -> None:
        self.facts.append(fact)


def _human_prompt(step: Step) -> str | None:
    """The text a person wrote: the original before expansion where the log says so."""
    for prompt in step.prompts:
        if prompt.role == "original" and prompt.author == "human":
            return prompt.text
    if step.prompt_author in ("llm_expansion", "model_rewrite", "style_template"):
        return None
    known = tool_defaults().of(step.tool, step.tool_version) if step.tool else None
    if step.prompt and known and _tool_default(known, step.prompt):
        return None  # the tool's own example prompt, left as it was: not the user's text
    return step.prompt


def _tool_default(known: ToolDefaults, prompt: str, *, negative: bool = False) -> bool:
    defaults = known.default_negatives if negative else known.default_prompts
    return bool(defaults) and any(
        vocabulary.substance(prompt) == vocabulary.substance(d) for d in defaults
    )


def _edit_distance_ratio(a: str, b: str) -> float:
    """Share of words changed between two prompts (1 - Jaccard over word sets)."""
    wa, wb = set(vocabulary.terms(a)), set(vocabulary.terms(b))
    if not wa and not wb:
        return 0.0
    return 1.0 - len(wa & wb) / len(wa | wb)


def _params_signature(step: Step) -> tuple[object, ...]:
    """The settings a person chooses, without the seed: a new seed alone is a re-roll of the same
    instruction, not a revision of it."""
    p = step.params
    if p is None:
        return ()
    return (
        p.steps,
        p.cfg_scale,
        p.sampler,
        p.width,
        p.height,
        p.denoise,
        tuple((lora.name, lora.weight) for lora in p.loras),
        step.model,
    )


def extract_evidence(intake: Intake | None, logs: Iterable[CreationLog]) -> Evidence:
    """Evidence from the intake and the creation logs of one work (merged into one timeline)."""
    with gc_paused():
        return _extract(intake, list(logs))


def _extract(intake: Intake | None, logs: list[CreationLog]) -> Evidence:
    steps: list[Step] = (
        merge(logs).steps if len(logs) > 1 else [s for log in logs for s in log.steps]
    )
    # The tool of a single log's steps that do not name their own (a merge names it per step).
    tool = (logs[0].tool, logs[0].tool_version) if len(logs) == 1 else (None, None)
    evidence = Evidence(intake=intake)
    every_step = steps
    if intake is not None and intake.dispute_began_on is not None:
        # Steps recorded once the dispute had begun are not the process of the work: they are
        # reported (evidence quality) and measured for nothing else.
        began = intake.dispute_began_on
        steps = [s for s in steps if s.at is None or s.at.date() < began]
    final_note = None
    if intake is not None and intake.final_file:
        steps, final_note = _up_to_final(steps, intake.final_file)
    _prompts(evidence, steps)
    _parameters(evidence, steps, tool)
    _refinement(evidence, steps)
    _selection(evidence, steps, intake)
    _localised(evidence, steps)
    _own_input(evidence, steps, intake)
    _post_editing(evidence, steps, intake)
    _arrangement(evidence, steps, intake)
    _claimed(evidence, steps, intake)
    _quality(evidence, logs, every_step, intake)
    _intake_answers(evidence, intake, logs)
    if final_note is not None:
        evidence.evidence_quality = _noted(evidence.evidence_quality, final_note)
    _screen(evidence, logs, steps)
    _images(evidence, logs, every_step, intake)
    return evidence


def _base(name: str) -> str:
    return name.replace("\\", "/").rsplit("/", 1)[-1].casefold()


def _images(
    evidence: Evidence, logs: list[CreationLog], steps: list[Step], intake: Intake | None
) -> None:
    """The uploaded images the screen can compare: each by what the steps say of it (an input,
    by hash or file name, with its origin), the final file the intake names, else an output."""
    origins: dict[str, str] = {}
    for step in steps:
        for item in step.inputs:
            if item.origin in ("own", "third_party"):
                for key in (item.sha256, item.name and _base(item.name)):
                    if key:
                        origins.setdefault(key, item.origin)
    final = _base(intake.final_file) if intake is not None and intake.final_file else None
    seen: set[str] = set()
    for log in logs:
        for f in log.files:
            if not f.phash or f.sha256 in seen:
                continue
            seen.add(f.sha256)
            name = _base(f.name) if f.name else None
            origin = origins.get(f.sha256) or (origins.get(name) if name else None)
            role = (
                "third_party_input"
                if origin == "third_party"
                else "own_input"
                if origin == "own"
                else "final"
                if final is not None and name == final
                else "output"
                if final is None
                else None
            )
            if role is not None:
                evidence.images.append(
                    ImageRef(name=f.name, sha256=f.sha256, phash=f.phash, role=role)
                )


# Steps in which the model produced a picture from the person's instructions (what rounds,
# re-rolls and seeds count); an upscale reproduces a picture already made.
SAMPLINGS = frozenset({"generate", "img2img", "inpaint", "outpaint"})
# Every step that makes a new file of the work (what comes after the final file is other work).
GENERATIONS = SAMPLINGS | {"upscale"}


def _names_file(step: Step, name: str) -> bool:
    """The step made, chose or came from the named file (compared by file name, any case)."""
    wanted = name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
    names = [o.name for o in step.outputs if o.name] + list(step.selected)
    if step.source:
        names.append(step.source.split(" (", 1)[0])
    return any(n.replace("\\", "/").rsplit("/", 1)[-1].casefold() == wanted for n in names)


def _up_to_final(steps: list[Step], name: str) -> tuple[list[Step], Fact | None]:
    """The process of the work ends with its final file: generations recorded after the step
    that made or chose it are other work, reported and measured for nothing (edits and
    arrangements of the outputs stay). A final file no step names is reported."""
    index = next((i for i in range(len(steps) - 1, -1, -1) if _names_file(steps[i], name)), None)
    if index is None:
        if not steps:
            return steps, None
        return steps, Fact.said("intake", "final_not_found", file=name)
    later = [s for s in steps[index + 1 :] if s.action in GENERATIONS]
    if not later:
        return steps, None
    kept = steps[: index + 1] + [s for s in steps[index + 1 :] if s.action not in GENERATIONS]
    return kept, Fact.said("log", "after_final", count=len(later), file=name)


def _prompts(evidence: Evidence, steps: list[Step]) -> None:
    """Specificity: the most categories one prompt fixes; the elements: every category's terms
    over the whole log, first seen first (ten each). Prompts are read part by part and each
    distinct part once, so a long log of iterations costs little more than its new words."""
    best: tuple[int, int, str] | None = None
    merged: dict[str, list[str]] = {}
    seen: set[str] = set()
    previous: tuple[str, int] | None = None
    for index, step in enumerate(steps):
        text = _human_prompt(step)
        if not text:
            continue
        if previous is not None and previous[0] == text:
            count = previous[1]
        else:
            categories: set[str] = set()
            for chunk in vocabulary.chunks(text):
                found = vocabulary.chunk_categories(chunk)
                if not found:
                    continue
                categories |= found
                if chunk in seen:
                    continue
                seen.add(chunk)
                for category, term in vocabulary.chunk_elements(chunk):
                    terms = merged.setdefault(category, [])
                    if len(terms) < MAX_ELEMENTS and term not in terms:
                        terms.append(term)
            count = len(categories)
            previous = (text, count)
        if best is None or count > best[0]:
            best = (count, index, text)
    evidence.elements = dict(sorted(merged.items()))
    if best is None:
        evidence.specificity = Measure(value=0.0 if steps else None)
        return
    count, index, text = best
    evidence.specificity = Measure(
        value=min(1.0, count / _n("full_specificity_categories")),
        facts=[Fact.from_step(index, text)],
    )
    # The first prompt shows how much of the picture was planned before any output was seen; one
    # prompt counts once (no text feeds two factors), so when the first prompt is also the one
    # that measured specificity (a single prompt, or one re-rolled), it says nothing more.
    first = next((i for i, s in enumerate(steps) if _human_prompt(s)), None)
    if first is not None and vocabulary.substance(_human_prompt(steps[first]) or "") != (
        vocabulary.substance(text)
    ):
        first_count = len(vocabulary.expressive_elements(_human_prompt(steps[first]) or ""))
        evidence.conception = Measure(
            value=min(1.0, first_count / _n("full_specificity_categories")),
            facts=[Fact.from_step(first, _human_prompt(steps[first]) or "")],
        )


def _shown(value: float | str) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _same(value: float | str, default: float | str) -> bool:
    if isinstance(value, str) or isinstance(default, str):
        return str(value).casefold() == str(default).casefold()
    return math.isclose(float(value), float(default))


def _parameters(evidence: Evidence, steps: list[Step], tool: tuple[str | None, str | None]) -> None:
    """Settings deliberately chosen (F3). Defaults are not choices: a value the tool writes on
    every image unless told otherwise shows no control, only a change from it does; where the
    tool's default is not known, a value counts neither way. A seed is random unless it was held
    fixed while the prompt or the settings changed. The model counts where the tool lets the user
    choose it and it is not the tool's default; a negative prompt and a LoRA are always chosen.

    ``judged`` counts the settings whose recording says something either way: with none, the
    measure is unknown; with some and none chosen, it is 0 (the defaults were left as they were).
    """
    controls: dict[str, Fact] = {}
    judged: set[str] = set()
    seeds: dict[int, set[tuple[object, ...]]] = {}
    table = tool_defaults()
    for index, step in enumerate(steps):
        p = step.params
        known = table.of(*((step.tool, step.tool_version) if step.tool else tool))
        if step.model and known is not None and known.model_is_a_choice:
            judged.add("model")
            default_model = step.model in known.default_models
            if not default_model and "model" not in controls:
                controls["model"] = Fact.said("log", "fact_model", at=index, model=step.model)
        if step.negative_prompt and not vocabulary.stock_negative(step.negative_prompt):
            judged.add("negative")
            # The tool's own negative prompt, left as it was, is no choice; a stock list of
            # defects to avoid counts neither way.
            own = not (known and _tool_default(known, step.negative_prompt, negative=True))
            if own and "negative" not in controls:
                controls["negative"] = Fact.said(
                    "log", "fact_negative", at=index, text=step.negative_prompt
                )
        if p is None:
            continue
        if p.loras:
            judged.add("lora")
            if "lora" not in controls:
                names = ", ".join(lo.name for lo in p.loras)
                controls["lora"] = Fact.said("log", "fact_lora", at=index, names=names)
        if p.seed is not None and step.action in SAMPLINGS:
            variants = seeds.setdefault(p.seed, set())
            if len(variants) <= 1:
                variants.add((_human_prompt(step), _params_signature(step)))
            if len(variants) > 1 and "seed" not in controls:
                judged.add("seed")
                controls["seed"] = Fact.said("log", "fact_seed_held", at=index, seed=p.seed)
        if known is None:
            continue
        defaults: dict[str, float | str] = {str(k): v for k, v in known.defaults.items()}
        for name, value in (
            ("steps", p.steps),
            ("cfg_scale", p.cfg_scale),
            ("sampler", p.sampler),
            ("scheduler", p.scheduler),
            ("denoise", p.denoise if step.action != "generate" else None),
        ):
            if value is None or name not in defaults:
                continue
            judged.add(name)
            if not _same(value, defaults[name]) and name not in controls:
                label = name.replace("_", " ")
                controls[name] = Fact.said(
                    "log",
                    "fact_setting",
                    at=index,
                    zh={"name": SETTING_ZH.get(label, label)},
                    name=label,
                    value=_shown(value),
                    default=_shown(defaults[name]),
                )
        if p.width is not None and p.height is not None and {"width", "height"} <= set(defaults):
            judged.add("size")
            size = (p.width, p.height)
            default_size = (defaults["width"], defaults["height"])
            if not all(_same(v, d) for v, d in zip(size, default_size, strict=True)):
                if "size" not in controls:
                    controls["size"] = Fact.said(
                        "log",
                        "fact_setting",
                        at=index,
                        zh={"name": SETTING_ZH["size"]},
                        name="size",
                        value=f"{p.width}x{p.height}",
                        default=f"{_shown(default_size[0])}x{_shown(default_size[1])}",
                    )
    evidence.settings_judged = len(judged)
    if not steps or not judged:
        # Nothing recorded that says whether settings were chosen (a prompt log without flags,
        # a tool whose defaults are unknown, a typed account that names none): unknown, never
        # "few were set".
        return
    evidence.parameters = Measure(
        value=min(1.0, len(controls) / _n("full_parameter_controls")),
        facts=list(controls.values())[:8] or [Fact.said("log", "fact_defaults")],
        count=len(controls),
    )


def _refinement(evidence: Evidence, steps: list[Step]) -> None:
    """Rounds of revision: a generation whose prompt or parameters differ from the one before.
    Every round counts; the first ``MAX_FACTS`` are quoted (a long log has tens of thousands)."""
    rounds = rerolls = generations = revisions = unrelated = 0
    settings_seen: set[tuple[object, ...]] = set()
    changed = 0.0
    shares: list[float] = []
    prompts: set[str] = set()
    facts: list[Fact] = []
    before: Step | None = None
    for index, after in enumerate(steps):
        if after.action not in SAMPLINGS:
            continue
        generations += 1
        if before is not None:
            settings_seen.add(_params_signature(before))
        if text := _human_prompt(after):
            prompts.add(text)
        if before is not None:
            prompt_a, prompt_b = _human_prompt(before) or "", _human_prompt(after) or ""
            revised = bool(prompt_b) and vocabulary.substance(prompt_a) != vocabulary.substance(
                prompt_b
            )
            same_settings = _params_signature(before) == _params_signature(after)
            if not revised and same_settings:
                rerolls += 1
            ratio = _edit_distance_ratio(prompt_a, prompt_b) if revised else 0.0
            if (
                revised
                and ratio >= _n("unrelated_change_share")
                and before.model
                and after.model
                and before.model != after.model
            ):
                # Another prompt with another model: more likely another work merged into the
                # timeline than a revision of this one. Reported, not counted.
                unrelated += 1
                if len(facts) < MAX_FACTS:
                    facts.append(
                        Fact.said(
                            "log",
                            "possibly_unrelated",
                            at=index,
                            step=index + 1,
                            share=f"{ratio:.0%}",
                            model=after.model,
                        )
                    )
                before = after
                continue
            if revised:
                rounds += 1
                revisions += 1
                changed += ratio
                if len(shares) < MAX_FACTS:
                    shares.append(round(ratio, 2))
                if len(facts) < MAX_FACTS:
                    facts.append(
                        Fact.said(
                            "log", "fact_revised", at=index, share=f"{ratio:.0%}", prompt=prompt_b
                        )
                    )
            elif (
                before.params
                and after.params
                and (_params_signature(before) != _params_signature(after))
                and _params_signature(after) not in settings_seen
            ):
                # New settings, never tried before: toggling back and forth between the same
                # values is trying, not revising.
                rounds += 1
                if len(facts) < MAX_FACTS:
                    facts.append(Fact.said("log", "fact_params_changed", at=index))
        before = after
    evidence.rerolls = rerolls
    evidence.possibly_unrelated = unrelated
    evidence.generations = generations
    evidence.distinct_prompts = len(prompts)
    evidence.prompt_revisions = revisions
    evidence.prompt_change_shares = shares
    evidence.prompt_change_mean = round(changed / revisions, 2) if revisions else None
    if not steps:
        return
    evidence.refinement = Measure(
        value=min(1.0, rounds / _n("full_refinement_rounds")), facts=facts, count=rounds
    )


def _selection(evidence: Evidence, steps: list[Step], intake: Intake | None) -> None:
    quotes = _Quotes()
    outputs = 0
    for i, s in enumerate(steps):
        if s.action == "select":
            if quotes.take():
                if s.selected:
                    quotes.add(Fact.said("log", "fact_selected", at=i, names=", ".join(s.selected)))
                else:
                    quotes.add(Fact.said("log", "fact_selection_step", at=i))
        elif s.action in ("generate", "img2img"):
            outputs += max(1, len(s.outputs))
    facts = quotes.facts
    evidence.candidates = outputs
    if not facts and outputs > 1:
        # Several random outputs are not a choice that shows judgement unless something records
        # why one was kept (Zhangjiagang 2025); below what counts in every ruleset.
        facts.append(Fact.said("log", "fact_candidates", count=outputs))
        value = _n("unexplained_selection")
    else:
        value = 1.0 if facts else 0.0
    evidence.selection = Measure(
        value=value if steps else None, facts=facts[:10], count=quotes.count
    )


def _localised(evidence: Evidence, steps: list[Step]) -> None:
    quotes = _Quotes(limit=12)
    for index, step in enumerate(steps):
        if step.action in ("inpaint", "outpaint"):
            if quotes.take():
                region = step.prompt or step.note
                action_zh = {"action": ACTION_ZH.get(step.action, step.action)}
                if region:
                    fact = Fact.said(
                        "log",
                        "fact_localised",
                        at=index,
                        zh=action_zh,
                        action=step.action,
                        region=region,
                    )
                else:
                    fact = Fact.said(
                        "log", "fact_localised_bare", at=index, zh=action_zh, action=step.action
                    )
                quotes.add(fact)
        elif (
            step.params
            and step.params.controlnets
            and not any(
                i.origin == "third_party" for i in step.inputs if i.role in ("control", "reference")
            )
        ):
            # A control fed by someone else's image is that image's composition, not the
            # author's region-level choice (the screen weighs it as a third party's input).
            if quotes.take():
                units = ", ".join(c.model or c.module or "unit" for c in step.params.controlnets)
                quotes.add(Fact.said("log", "fact_controlnet", at=index, units=units))
        elif any(i.role == "mask" for i in step.inputs):
            if quotes.take():
                quotes.add(Fact.said("log", "fact_mask", at=index))
    if steps:
        evidence.localised = Measure(
            value=min(1.0, quotes.count / _n("full_localised_edits")),
            facts=quotes.facts,
            count=quotes.count,
        )


def _third_party(step: Step, item: Input, index: int) -> ThirdPartyInput:
    """How much a third party's input weighs on the output, as far as the log says."""
    denoise = step.params.denoise if step.params and item.role == "init" else None
    weights = [
        c.weight for c in (step.params.controlnets if step.params else []) if c.weight is not None
    ]
    weight = max(weights) if weights and item.role in ("control", "reference") else None
    dominant: bool | None = None
    if denoise is not None:
        dominant = denoise <= _n("perceptible_denoise_max")
    elif weight is not None:
        dominant = weight >= _n("control_dominant_weight")
    return ThirdPartyInput(
        role=item.role,
        name=item.name,
        sha256=item.sha256,
        denoise=denoise,
        weight=weight,
        dominant=dominant,
        step=index,
    )


def _own_input(evidence: Evidence, steps: list[Step], intake: Intake | None) -> None:
    facts, best = [], None
    for index, step in enumerate(steps):
        for item in step.inputs:
            if item.origin == "third_party":
                evidence.third_party_inputs.append(_third_party(step, item, index))
            if item.origin != "own" or item.role not in ("init", "control", "reference"):
                continue
            denoise = step.params.denoise if step.params else None
            evidence.own_inputs += 1
            if denoise is not None and item.role == "init":
                low = evidence.own_input_min_denoise
                evidence.own_input_min_denoise = denoise if low is None else min(low, denoise)
            perceptible = item.role == "control" or (
                denoise is not None and denoise <= _n("perceptible_denoise_max")
            )
            value = 1.0 if perceptible else _n("own_input_repainted")
            role = {"role": ROLE_ZH.get(item.role, item.role)}
            if denoise is not None:
                facts.append(
                    Fact.said(
                        "log",
                        "fact_own_input_denoise",
                        at=index,
                        zh=role,
                        role=item.role,
                        name=item.name or "",
                        denoise=denoise,
                    )
                )
            else:
                facts.append(
                    Fact.said(
                        "log",
                        "fact_own_input",
                        at=index,
                        zh=role,
                        role=item.role,
                        name=item.name or "",
                    )
                )
            best = max(best or 0.0, value)
    if best is None and intake is not None and intake.own_inputs is not None:
        best = _n("own_input_intake_only") if intake.own_inputs else 0.0
        facts.append(
            Fact.said(
                "intake", "fact_own_inputs_yes" if intake.own_inputs else "fact_own_inputs_no"
            )
        )
    evidence.own_input = Measure(value=best, facts=facts[:10])


_PARTS = re.compile(r"\s*(?:[,;，；、/+&]|\band\b|\bthen\b|和|并|及)\s*", re.IGNORECASE)


def _mentions(text: str, words: list[str], *, stems: bool = False) -> bool:
    """``text`` names one of ``words``: Latin-script words on word boundaries (a stem may run on
    when ``stems``: "arrang" finds "arranged"), Chinese ones anywhere."""
    low = text.casefold()
    for word in words:
        w = word.casefold()
        if not w.isascii():
            if w in low:
                return True
        elif re.search(r"(?<![a-z])" + re.escape(w) + ("" if stems else r"(?![a-z])"), low):
            return True
    return False


def trivial_edit(note: str) -> bool:
    """Every part of the edit's description is a trivial operation (a crop, a resize, a removed
    mark, a colour or exposure adjustment): not authorship (USCO guidance; Feist)."""
    terms = measures().edit_terms
    parts = [p for p in _PARTS.split(note) if p.strip()]
    return bool(parts) and all(
        _mentions(p, terms.trivial) and not _mentions(p, terms.creative, stems=True) for p in parts
    )


def label_removal(text: str) -> bool:
    """The text says a label, watermark or the provenance metadata was removed."""
    terms = measures().edit_terms
    return _mentions(text, terms.removal_verbs) and _mentions(text, terms.label_objects)


def _post_editing(evidence: Evidence, steps: list[Step], intake: Intake | None) -> None:
    """Edits after generation (F8). An edit whose description is only trivial operations is
    recorded and does not count; an edit whose substance is not described counts for
    ``edit_step_strength``; where the intake says how substantial the editing was, that governs.
    A removed label or watermark is kept apart as a risk (Labeling Measures 2025)."""
    quotes = _Quotes()
    substantive = trivial = 0
    for i, s in enumerate(steps):
        if s.action != "edit":
            continue
        note = s.note or ""
        if note and label_removal(note):
            evidence.label_removals.append(Fact.said("log", "fact_edit", at=i, note=note))
        is_trivial = bool(note) and trivial_edit(note)
        trivial += is_trivial
        substantive += not is_trivial
        if quotes.take():
            what = note or s.tool
            zh_what = {} if what else {"note": measures().texts["fact_manual_edit"].zh}
            quotes.add(
                Fact.said(
                    "log",
                    "fact_trivial_edit" if is_trivial else "fact_edit",
                    at=i,
                    zh=zh_what,
                    note=what or measures().texts["fact_manual_edit"].en,
                )
            )
    facts = quotes.facts
    detail = ""
    value = (
        min(1.0, _n("edit_step_strength") * substantive)
        if substantive
        else 0.0
        if trivial
        else None
    )
    if intake is not None and intake.post_editing is not None:
        extent = _n(f"post_editing_{intake.post_editing.extent}")
        described = intake.post_editing.description or ""
        if described and label_removal(described):
            evidence.label_removals.append(Fact(source="intake", quote=described[:QUOTE_MAX]))
        extras: list[Text] = []
        if intake.post_editing.hours is not None:
            hours = measures().texts["editing_hours"]
            value_h = f"{intake.post_editing.hours:g}"
            extras.append(
                Text(en=hours.en.format(hours=value_h), zh=hours.zh.format(hours=value_h))
            )
        if intake.post_editing.before_after_files is not None:
            kept = (
                "editing_files_kept"
                if intake.post_editing.before_after_files
                else "editing_files_lost"
            )
            extras.append(measures().texts[kept])
        extent_word = intake.post_editing.extent
        detail = f"{extent_word}" + (f": {described}" if described else "")
        detail += f" ({'; '.join(e.en for e in extras)})" if extras else ""
        detail_zh = EXTENT_ZH.get(extent_word, extent_word) + (
            f"：“{described}”" if described else ""
        )
        detail_zh += f"（{'；'.join(e.zh for e in extras)}）" if extras else ""
        facts.append(
            Fact.said("intake", "fact_post_editing", zh={"detail": detail_zh}, detail=detail)
        )
        # An edit step records that an edit happened, not how much it changed: where the intake
        # says how substantial the editing was, that governs (a crop or a removed artefact is
        # not authorship, however many steps record it). A substantial editing that no edit step
        # of substance records is the intake's claim, and weighs as one.
        value = extent
    evidence.trivial_edits = trivial
    measure = Measure(value=value, facts=facts[:10], count=quotes.count)
    if value is not None and value > _n("post_editing_minor") and not substantive:
        claim = Fact.said("intake", "claimed_editing", zh={"detail": detail_zh}, detail=detail)
        measure = _claim(Measure(facts=facts[:-1][:10], count=quotes.count), value, claim)
    evidence.post_editing = measure


def _arrangement(evidence: Evidence, steps: list[Step], intake: Intake | None) -> None:
    """Selection and arrangement into a larger work (F9): recorded arrange steps, or the intake's
    yes with what was selected and arranged said in the account; a bare yes is a claim below
    what counts (creative choices, not merely a yes: Feist; USCO guidance)."""
    quotes = _Quotes()
    for i, s in enumerate(steps):
        if s.action == "arrange":
            if quotes.take():
                quotes.add(Fact.said("log", "fact_arrangement_step", at=i, note=s.note or ""))
    facts = quotes.facts
    value = 1.0 if facts else None
    if intake is not None and intake.arrangement is not None:
        account = intake.human_contribution or ""
        described = _mentions(account, measures().edit_terms.arrangement_words, stems=True)
        if not intake.arrangement:
            answer = "fact_arrangement_no"
        else:
            answer = "fact_arrangement_yes" if described else "fact_arrangement_unsaid"
        facts.append(Fact.said("intake", answer))
        claimed = 1.0 if described else _n("arrangement_bare_claim")
        value = max(value or 0.0, claimed if intake.arrangement else 0.0)
    evidence.arrangement = Measure(value=value, facts=facts[:10])


def _claim(measure: Measure, value: float, fact: Fact) -> Measure:
    """A measure raised by a claim of the intake: the claim weighs ``claimed_weight`` of a
    record, so it never outweighs what the logs record (the higher of the two stands)."""
    claimed = round(max(0.0, min(1.0, value)) * _n("claimed_weight"), 3)
    if measure.value is not None and measure.value >= claimed:
        return measure.model_copy(update={"facts": [fact, *measure.facts][: MAX_FACTS + 1]})
    return measure.model_copy(
        update={"value": claimed, "facts": [fact, *measure.facts][:MAX_FACTS], "claimed": True}
    )


def _noted(measure: Measure, *facts: Fact) -> Measure:
    """The measure with facts added in front, its value unchanged (a claim the logs contradict
    is reported, not counted)."""
    return measure.model_copy(update={"facts": [*facts, *measure.facts][: MAX_FACTS + 1]})


def _claimed(evidence: Evidence, steps: list[Step], intake: Intake | None) -> None:
    """The facts that decide, as the intake states them where the logs may not show them: rounds
    of revision (F4), candidates and why one was kept (F5), region-level edits (F6), for a text
    the share rewritten (F8). Each is marked "claimed, not recorded" with the record that would
    prove it; a claim the logs contradict is reported beside them."""
    if intake is None:
        return
    if intake.rounds:
        detail = f" ({intake.prompt_changes})" if intake.prompt_changes else ""
        fact = Fact.said(
            "intake",
            "claimed_rounds",
            zh={"detail": f"（{intake.prompt_changes}）" if intake.prompt_changes else ""},
            count=intake.rounds,
            detail=detail,
        )
        recorded = evidence.refinement.count
        if recorded is not None and evidence.generations > 1 and recorded < intake.rounds:
            # The logs record the generations and fewer rounds than claimed: the claim is
            # contradicted, reported beside the record and not counted.
            note = Fact.said(
                "intake", "contradiction_rounds", count=intake.rounds, recorded=recorded
            )
            evidence.refinement = _noted(evidence.refinement, note, fact)
        else:
            evidence.refinement = _claim(
                evidence.refinement, intake.rounds / _n("full_refinement_rounds"), fact
            )
    if intake.candidates and intake.candidates > 1 and intake.selection_reason:
        fact = Fact.said(
            "intake",
            "claimed_selection",
            count=intake.candidates,
            detail=intake.selection_reason,
        )
        if evidence.candidates > 1 and evidence.candidates < intake.candidates:
            # The logs show fewer candidates than claimed: reported, not counted.
            evidence.selection = _noted(evidence.selection, fact)
        else:
            evidence.selection = _claim(evidence.selection, 1.0, fact)
    if intake.regional_edits:
        fact = Fact.said("intake", "claimed_regional", count=intake.regional_edits)
        evidence.localised = _claim(
            evidence.localised, intake.regional_edits / _n("full_localised_edits"), fact
        )
    if intake.own_inputs and intake.own_input_description and not evidence.own_inputs:
        detail = intake.own_input_description
        fact = Fact.said("intake", "claimed_own_input", detail=detail)
        evidence.own_input = _claim(evidence.own_input, 1.0, fact)
    if intake.text_rewritten_share is not None and intake.work_kind == "text":
        share = intake.text_rewritten_share
        fact = Fact.said("intake", "claimed_rewrite", share=f"{share:.0%}")
        evidence.post_editing = _claim(
            evidence.post_editing, share / _n("text_full_rewrite_share"), fact
        )


def _quality(
    evidence: Evidence, logs: list[CreationLog], steps: list[Step], intake: Intake | None
) -> None:
    q = EvidenceQuality(
        steps=len(steps),
        with_timestamp=sum(1 for s in steps if s.at is not None),
        with_seed=sum(1 for s in steps if s.params and s.params.seed is not None),
        with_model=sum(1 for s in steps if s.model),
        files=sum(len(log.files) for log in logs),
        images_with_metadata=sum(
            1
            for log in logs
            if log.steps and log.files and log.files[0].format in ("png", "jpeg", "webp", "gif")
        ),
        user_supplied_logs=sum(
            1 for log in logs if any(w.code == "user_supplied" for w in log.warnings)
        ),
        c2pa=any(p.standard == "c2pa" for log in logs for p in log.provenance),
    )
    q.reproducible = bool(steps) and any(
        s.params and s.params.seed is not None and s.model and s.prompt for s in steps
    )
    # Any recorded step is a record of the process (its weight is F10's value); only the final
    # file without generation data, or nothing at all, leaves the process unproven.
    q.process_records = bool(steps) if logs else None
    if not steps and intake is not None and intake.evidence_retained is not None:
        q.process_records = intake.evidence_retained
    # A log someone typed is a claim: it does not stand for the records when the intake says they
    # were not kept (BIC cat pendant 2025; Zhangjiagang 2025).
    typed_only = bool(logs) and q.user_supplied_logs == len(logs)
    if typed_only and intake is not None and intake.evidence_retained is False:
        q.process_records = False
    q.contemporaneous = intake.evidence_contemporaneous if intake else None
    if q.contemporaneous is None and q.images_with_metadata:
        q.contemporaneous = True  # metadata written by the generator when it made the image
    q.re_creation = intake is not None and intake.evidence_contemporaneous is False
    dated_after: Fact | None = None
    if intake is not None and intake.dispute_began_on is not None and q.with_timestamp:
        began = intake.dispute_began_on
        after = sum(1 for s in steps if s.at is not None and s.at.date() >= began)
        if after:
            dated_after = Fact.said(
                "log",
                "dated_after_dispute",
                count=after,
                total=q.with_timestamp,
                date=began.isoformat(),
            )
        if after == q.with_timestamp:
            # Every dated record was made once the dispute had begun: a re-creation, whatever
            # the intake says (BIC cat pendant 2025; Zhangjiagang 2025).
            q.re_creation, q.contemporaneous = True, False
    facts = []
    if q.steps:
        facts.append(
            Fact.said(
                "log",
                "fact_steps",
                steps=q.steps,
                stamped=q.with_timestamp,
                seeded=q.with_seed,
                modelled=q.with_model,
            )
        )
    if q.c2pa:
        facts.append(Fact.said("provenance", "fact_c2pa_signed"))
    if dated_after is not None:
        facts.append(dated_after)
    if q.re_creation:
        facts.append(Fact.said("intake", "fact_made_after"))
    if q.process_records is None and not logs:
        value = None
    elif q.re_creation or not q.process_records:
        value = 0.0
    else:
        parts = [
            1.0 if q.contemporaneous else _n("records_not_contemporaneous"),
            min(1.0, q.steps / _n("records_full_steps")),
            1.0 if q.reproducible else _n("records_not_reproducible"),
            1.0 if (q.c2pa or q.images_with_metadata) else _n("records_no_embedded_metadata"),
        ]
        value = round(sum(parts) / len(parts), 3)
        if typed_only:
            # Logs the user typed are a claim of the process, not the tool's record of it: they
            # weigh as claims do, never as adequate records on their own.
            value = round(value * _n("claimed_weight"), 3)
            facts.append(Fact.said("log", "fact_typed"))
    evidence.quality = q
    evidence.evidence_quality = Measure(value=value, facts=facts)


def _tool_role(evidence: Evidence, intake: Intake) -> None:
    """The intake's account of what the tool did. "Assisted" (the software carried out the
    person's own choices, as a camera or a drawing program does) is a claim, stated in the
    person's account; generations the logs record from prompts alone, with no own input, show a
    model that generated content and contradict it: reported, not counted."""
    if intake.tool_role is None:
        return
    if intake.tool_role == "generated":
        evidence.tool_assisted = False
        return
    account = (intake.human_contribution or "").strip()
    generated = evidence.generations - evidence.own_inputs
    if generated > 0:
        evidence.tool_assisted = False
        evidence.tool_role_facts = [Fact.said("intake", "assisted_contradicted", count=generated)]
        evidence.evidence_quality = _noted(evidence.evidence_quality, *evidence.tool_role_facts)
    elif account:
        evidence.tool_assisted = True
        evidence.tool_role_facts = [Fact(source="intake", quote=account[:QUOTE_MAX])]


def _intake_answers(evidence: Evidence, intake: Intake | None, logs: list[CreationLog]) -> None:
    c2pa_labelled = any(p.digital_source_type for log in logs for p in log.provenance)
    if intake is None:
        if c2pa_labelled:
            evidence.labelling = Measure(
                value=1.0,
                facts=[Fact.said("provenance", "fact_c2pa_ai")],
            )
        return
    evidence.work_kind = intake.work_kind
    evidence.dispute = intake.dispute
    _tool_role(evidence, intake)
    evidence.claimed_subject = intake.claimed_subject or "output"
    if intake.claimed_author is not None:
        evidence.author_kind = intake.claimed_author.kind
        evidence.author_name = intake.claimed_author.name
    if intake.human_contribution:
        text = intake.human_contribution.strip()
        long, short = _n("conception_long_account"), _n("conception_short_account")
        value = (
            1.0
            if len(text) >= long
            else _n("conception_outline")
            if len(text) >= short
            else _n("conception_mention")
        )
        if evidence.conception.value is None or value > evidence.conception.value:
            evidence.conception = Measure(
                value=value, facts=[Fact(source="intake", quote=text)] + evidence.conception.facts
            )
    if intake.ai_tool_terms_assign_rights_to_user is not None:
        yes = intake.ai_tool_terms_assign_rights_to_user
        evidence.tool_terms = Measure(
            value=1.0 if yes else 0.0,
            facts=[Fact.said("intake", "fact_terms_user" if yes else "fact_terms_kept")],
        )
    labelled = intake.labelled_as_ai
    if labelled is not None or c2pa_labelled:
        facts = []
        if labelled is not None:
            facts.append(Fact.said("intake", "fact_labelled" if labelled else "fact_not_labelled"))
        if c2pa_labelled:
            facts.append(Fact.said("provenance", "fact_c2pa_ai"))
        evidence.labelling = Measure(value=1.0 if (labelled or c2pa_labelled) else 0.0, facts=facts)


def _screen(evidence: Evidence, logs: list[CreationLog], steps: list[Step]) -> None:
    """The texts the infringement screen reads, each (kind, text) once at its first step: the
    screen flags a match once, at the first place it occurs, so repeats would add nothing."""
    first: dict[tuple[ScreenKind, str], int | None] = {}

    def add(kind: ScreenKind, text: str, step: int | None) -> None:
        first.setdefault((kind, text), step)

    for index, step in enumerate(steps):
        if step.prompt:
            add("prompt", step.prompt, index)
        for prompt in step.prompts:
            if not prompt.role.endswith("negative") and prompt.role != "negative":
                add("prompt", prompt.text, index)
        if step.model:
            add("model", step.model, index)
        if step.params:
            for lora in step.params.loras:
                add("lora", lora.name, index)
        for item in step.inputs:
            if item.name:
                add("input", item.name, index)
    for log in logs:
        for f in log.files:
            if f.name:
                add("file_name", f.name, None)
    # Built from the log's own validated strings: no second validation.
    evidence.screen = [
        ScreenText.model_construct(kind=kind, text=text, step=step)
        for (kind, text), step in first.items()
    ]

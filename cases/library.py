"""The schema of the curated library file (``cases/fixtures/caselaw.json``), validated by pydantic.

Unknown keys are refused so that a typo in a curated file fails loudly instead of being dropped.
Beyond the shape, the file is held to what a client may read: every entry has a citation in both
languages, a proceeding status with its "as of" date, Chinese for every field a Chinese page shows,
sources with a title and a publisher at an address anyone can open, and curated prose (no research
markup, placeholders or source gossip). Each rule below says why it exists.
"""

import ipaddress
import re
from datetime import date
from functools import cache
from typing import Literal
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from assessments.rules.infringement import CharacterTraits

ProceedingStatus = Literal["decided", "pending", "on_appeal", "settled", "guidance", "statute"]
# Matters whose outcome is not final: the rules may cite them only as pending, never for a holding.
OPEN_PROCEEDINGS = frozenset({"pending", "on_appeal"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Sources: addresses anyone can open --------------------------------------------------------

# Hosts that only resolve inside one network. RFC 6761/6762 reserve .local and .localhost; the
# others are the usual private-network suffixes (RFC 8375 home.arpa, ICANN's 2024 .internal).
_PRIVATE_SUFFIXES = ("local", "localhost", "internal", "intranet", "lan", "home.arpa", "corp")
# Generic top-level labels: one of them inside a host's own labels means another host is embedded
# in it, which is how library proxies and web VPNs rewrite addresses
# ("academic-oup-com-443.vpn.univ.edu.cn", "www.example.org.ezproxy.lib.edu").
_GENERIC_TLDS = frozenset({"com", "org", "net", "edu", "gov", "int", "mil", "info", "biz"})


@cache
def _suffixes() -> PublicSuffixList:
    # The package ships the Public Suffix List; nothing is fetched.
    return PublicSuffixList()


def public_url_problem(url: str) -> str | None:
    """Why ``url`` is not an address a client could open, or None when it is.

    The rules, not a list of bad hosts: a host is required; IP literals must be public; the host
    must have a registrable domain under a public suffix (so single-label, ``.local`` and
    ``.internal`` hosts fail); and no label left of the registrable domain may embed another host
    name (proxy and web-VPN rewrites).
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "the address must start with http:// or https://"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "the address has no host"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        address = None
    if address is not None:
        if not address.is_global:
            return f"{host} is a private, loopback or reserved address"
        return None
    labels = host.split(".")
    if len(labels) < 2:
        return f"{host} is a single-label host that only resolves inside one network"
    for suffix in _PRIVATE_SUFFIXES:
        if host == suffix or host.endswith("." + suffix):
            return f"{host} is a private-network host (.{suffix})"
    registrable = _suffixes().privatesuffix(host)
    if registrable is None:
        return f"{host} has no registrable domain under a public suffix"
    inner = host[: -len(registrable)].rstrip(".")
    for label in inner.split(".") if inner else []:
        pieces = label.split("-")
        # "www-jstor-org" or "academic-oup-com-443": a generic name after a first piece, with
        # something after it or at least two pieces before it (so "my-info" alone passes).
        embedded = any(
            piece in _GENERIC_TLDS and (i < len(pieces) - 1 or i >= 2)
            for i, piece in enumerate(pieces[1:], start=1)
        )
        if label in _GENERIC_TLDS or embedded:
            return (
                f"{host} embeds another host name ({label}): a proxy or mirror address; "
                "cite the original"
            )
    return None


class SourceData(_Strict):
    url: HttpUrl
    title: str = Field(min_length=3, max_length=400, description="The source's own title.")
    publisher: str = Field(min_length=2, max_length=300, description="Who published it.")
    published_on: date | None = Field(default=None, description="Its date; None means undated.")
    language: str = Field(
        default="en",
        pattern=r"^[a-z]{2}(-[A-Za-z]{2,4})?$",
        description="Language of the source (BCP 47), so pages mark foreign text as such.",
    )
    kind: Literal["official", "judgment_text", "secondary", "dataset"] = "secondary"
    accessed_on: date | None = None

    @field_validator("url")
    @classmethod
    def _public(cls, value: HttpUrl) -> HttpUrl:
        problem = public_url_problem(str(value))
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _title_is_not_the_host(self) -> "SourceData":
        host = (urlsplit(str(self.url)).hostname or "").lower()
        if self.title.strip().lower() in (host, host.removeprefix("www.")):
            raise ValueError(f"the title of {self.url} is its host name; give the source's title")
        return self


# --- Curated prose ----------------------------------------------------------------------------

# What research notes look like and a case note does not: markdown bullets, upper-case tags,
# square-bracket placeholders, and attributions of a fact to the commentary it was read in.
_RESEARCH_MARKUP = (
    (re.compile(r"(?m)^\s*[*•]\s"), "a research-note bullet"),
    (re.compile(r"\bUNVERIFIED\b|\bTODO\b|\bTBD\b"), "a research tag in capitals"),
    (re.compile(r"\[[^\]]{1,60}\]"), "a [placeholder] (describe it in words)"),
    (re.compile(r"\bper (Quimbee|Wikipedia|a blog)\b", re.IGNORECASE), "source gossip"),
)
# Neutral citations in square brackets are how UK and EU decisions are cited, not placeholders.
_NEUTRAL_CITATION = re.compile(r"\[(19|20)\d{2}\]")
_CURATED_FIELDS = (
    "short_name",
    "short_name_zh",
    "title_en",
    "title_zh",
    "parties",
    "parties_zh",
    "holding_en",
    "holding_zh",
    "summary_en",
    "summary_zh",
    "tribunal",
    "tribunal_zh",
    "next_step_en",
    "next_step_zh",
)


def research_markup(text: str) -> str | None:
    """What in ``text`` reads as a research note rather than a curated case note, if anything."""
    stripped = _NEUTRAL_CITATION.sub("", text)
    for pattern, what in _RESEARCH_MARKUP:
        found = pattern.search(stripped)
        if found:
            return f"{what}: {found.group(0).strip()!r}"
    return None


class FactorData(_Strict):
    code: str = Field(pattern=r"^F[0-9]{1,2}$")
    name_en: str
    name_zh: str
    question_en: str
    question_zh: str
    evidence_en: str = ""


class CaseFactorData(_Strict):
    code: str
    treatment: Literal["supports_protection", "against_protection", "infringement", "liability"]
    note_en: str = Field(min_length=1)
    note_zh: str = Field(min_length=1)


class HumanInput(_Strict):
    """Human-input facts of a decision; ``None`` means unknown or unverified, never 'no'."""

    num_prompts: int | None = None
    num_prompts_note: str | None = None
    prompt_specificity: Literal["high", "medium", "low", "none", "unknown", "n/a"] | None = None
    prompt_example: str | None = None
    prompt_specificity_note: str | None = None
    negative_prompts: bool | None = None
    parameter_changes: bool | None = None
    parameters_note: str | None = None
    iterations: int | None = None
    iterations_note: str | None = None
    post_editing: bool | None = None
    post_editing_note: str | None = None
    selection_arrangement: bool | None = None
    selection_note: str | None = None
    human_source_material: str | None = None
    process_evidence_retained: bool | None = None
    process_note: str | None = None
    reproducible_on_demand: bool | None = None
    reproducibility_note: str | None = None


# The free-text facts of HumanInput that a Chinese page must show in Chinese. prompt_example is a
# quotation of the prompt as the court recorded it and stays as written.
TRANSLATED_NOTES = tuple(
    name
    for name, info in HumanInput.model_fields.items()
    if info.annotation == (str | None) and name != "prompt_example"
)


class ScenarioData(_Strict):
    work_type: str = Field(default="", max_length=100)
    work_type_zh: str = Field(default="", max_length=100)
    claimed_subject: str = Field(default="", max_length=300)
    claimed_subject_zh: str = Field(default="", max_length=300)
    human_input: HumanInput
    human_input_zh: dict[str, str] = Field(
        default_factory=dict, description="Chinese of each free-text note of human_input."
    )
    real_outcome: str
    outcome_scope: str = ""
    outcome_scope_zh: str = ""
    decisive_factors: list[str] = []
    decisive_factors_zh: list[str] = []
    use_as_test: bool = True
    unverified_fields: list[str] = []

    @model_validator(mode="after")
    def _chinese_complete(self) -> "ScenarioData":
        unknown = sorted(set(self.human_input_zh) - set(TRANSLATED_NOTES))
        if unknown:
            raise ValueError(f"human_input_zh has keys that are not free-text facts: {unknown}")
        missing = [
            name
            for name in TRANSLATED_NOTES
            if getattr(self.human_input, name) and not self.human_input_zh.get(name)
        ]
        for name in ("work_type", "claimed_subject", "outcome_scope"):
            if getattr(self, name) and not getattr(self, f"{name}_zh"):
                missing.append(f"{name}_zh")
        if len(self.decisive_factors_zh) != len(self.decisive_factors):
            missing.append("decisive_factors_zh (one for each decisive factor)")
        if missing:
            raise ValueError(f"Chinese missing for: {', '.join(missing)}")
        return self


class CaseData(_Strict):
    slug: str = Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=80)
    former_slugs: list[str] = Field(
        default_factory=list, description="Slugs this entry replaces; their pages redirect here."
    )
    short_name: str = Field(min_length=2, max_length=120)
    short_name_zh: str = Field(min_length=1, max_length=120)
    title_en: str = Field(min_length=2, max_length=400)
    title_zh: str = Field(min_length=1, max_length=400)
    citation: str = Field(
        min_length=5, max_length=500, description="The entry as a lawyer cites it, in English."
    )
    citation_zh: str = Field(
        min_length=4, max_length=500, description="The entry as a lawyer cites it, in Chinese."
    )
    jurisdiction: Literal["CN", "US", "EU", "UK", "CZ", "DE", "IT", "IN", "JP", "KR"]
    tribunal: str = Field(min_length=2, max_length=300)
    tribunal_zh: str = Field(min_length=1, max_length=300)
    decision_date: date | None = None
    decision_date_precision: Literal["day", "month", "year"] = "day"
    date_note: str = ""
    date_note_zh: str = ""
    docket: str = Field(default="", max_length=300)
    parties: str = Field(default="", max_length=500)
    parties_zh: str = Field(default="", max_length=500)
    ai_tools: list[str] = []
    issue: Literal[
        "copyrightability", "infringement", "platform_liability", "personality_rights", "guidance"
    ]
    outcome: Literal[
        "granted", "partial", "denied", "liable", "not_liable", "pending", "guidance", "other"
    ]
    proceeding_status: ProceedingStatus
    status_as_of: date = Field(description="The date the proceeding status was last confirmed.")
    next_step_en: str = ""
    next_step_zh: str = ""
    holding_en: str
    holding_zh: str = Field(min_length=1)
    summary_en: str = ""
    summary_zh: str = ""
    verification: Literal["verified", "partially_verified", "context"]
    unverified_fields: list[str] = []
    sources: list[SourceData] = Field(min_length=1)
    factors: list[CaseFactorData] = []
    scenario: ScenarioData | None = None

    @model_validator(mode="after")
    def _curated(self) -> "CaseData":
        for name in _CURATED_FIELDS:
            problem = research_markup(getattr(self, name))
            if problem:
                raise ValueError(f"{name} reads as a research note ({problem})")
        pairs = (("parties", "parties_zh"), ("summary_en", "summary_zh"))
        pairs += (("date_note", "date_note_zh"), ("next_step_en", "next_step_zh"))
        for english, chinese in pairs:
            if getattr(self, english) and not getattr(self, chinese):
                raise ValueError(f"{chinese} is missing: {english} has no Chinese")
        unknown = sorted(set(self.unverified_fields) - set(UNVERIFIABLE_FIELDS))
        if unknown:
            raise ValueError(f"unverified_fields names fields that are not facts: {unknown}")
        if self.outcome == "pending" and self.proceeding_status not in OPEN_PROCEEDINGS:
            raise ValueError("an entry whose outcome is pending must be pending or on appeal")
        return self


# The facts a curator may mark as resting on a single secondary source.
UNVERIFIABLE_FIELDS = ("docket", "decision_date", "parties", "ai_tools", "outcome", "date_note")


class ProtectedWorkData(_Strict):
    name: str
    aliases_en: list[str] = []
    aliases_zh: list[str] = []
    owner: str = ""
    kind: Literal["character", "artwork", "brand", "artist"]
    case: str
    named_in_decision: bool = False
    name_quotation: str = Field(default="", max_length=1000)
    name_quotation_source: str = Field(default="", max_length=500)
    note: str = ""
    traits: CharacterTraits | None = None
    # Curated, even when empty: the phrases in which a name means something else.
    negative: list[str] = Field(max_length=100)

    @model_validator(mode="after")
    def _claims_have_their_proof(self) -> "ProtectedWorkData":
        names = [n.casefold() for n in (self.name, *self.aliases_en, *self.aliases_zh)]
        for phrase in self.negative:
            if not any(n and n in phrase.casefold() for n in names):
                raise ValueError(
                    f"{self.name}: the negative phrase {phrase!r} contains none of its names"
                )
        if self.named_in_decision and not (
            self.name_quotation.strip() and self.name_quotation_source.startswith("https://")
        ):
            raise ValueError(
                f"{self.name}: named_in_decision needs the quotation that names it and the "
                "https address of its source"
            )
        if self.traits is not None and self.kind != "character":
            raise ValueError(f"{self.name}: only a character is described by traits")
        return self


class Library(_Strict):
    format: Literal["aigc-caselaw/1"]
    factors: list[FactorData]
    cases: list[CaseData]
    protected_works: list[ProtectedWorkData] = []

    @model_validator(mode="after")
    def _slugs(self) -> "Library":
        seen: set[str] = set()
        for case in self.cases:
            for slug in (case.slug, *case.former_slugs):
                if slug in seen:
                    raise ValueError(f"slug {slug!r} is used twice")
                seen.add(slug)
        # Slugs are identifiers for the rules; a text a client reads names a decision in words.
        pattern = re.compile(
            r"(?<![\w-])(" + "|".join(map(re.escape, sorted(seen))) + r")(?![\w-])"
        )
        for case in self.cases:
            for where, text in _texts(case.model_dump(exclude={"slug", "former_slugs"})):
                found = pattern.search(text)
                if found and not where.endswith("url"):
                    raise ValueError(
                        f"{case.slug}: {where} names {found.group(0)!r} by its slug; "
                        "name the decision in words"
                    )
        return self


def _texts(value: object, where: str = "") -> list[tuple[str, str]]:
    """Every string in ``value`` with the path it stands at."""
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, dict):
        return [t for key, item in value.items() for t in _texts(item, f"{where}.{key}")]
    if isinstance(value, list | tuple):
        return [t for i, item in enumerate(value) for t in _texts(item, f"{where}[{i}]")]
    return []

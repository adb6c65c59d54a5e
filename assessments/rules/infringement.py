"""Infringement screen: prompts (negative prompts excluded), LoRA and model names, file names and
inputs matched against the protected-works lexicon in English and Chinese.

Outputs substantially similar to a well-known character were held infringing when the prompt
named it (Guangzhou Ultraman 2024) and when a LoRA was trained on it (Hangzhou Ultraman LoRA
2024; Jinshan Medusa LoRA 2025). Matching is case-insensitive, on word boundaries for Latin
script, and tolerant of spacing and punctuation variants ("spider-man", "spider man",
"spiderman", "Spider_Man").
"""

import logging
import re
import threading
from functools import lru_cache
from typing import Literal

import jieba
from pydantic import BaseModel, ConfigDict, model_validator

from .evidence import Evidence, ScreenKind
from .result import Flag, Infringement
from .ruleset import FlagLevel, RiskLevel, ScreenRules, screen_rules


class Trait(BaseModel):
    """One distinctive trait of a character, as English and Chinese prompts say it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    en: tuple[str, ...]
    zh: tuple[str, ...]

    @model_validator(mode="after")
    def _both_languages(self) -> "Trait":
        if not (self.id and self.en and self.zh):
            raise ValueError(f"trait {self.id!r} needs an id and words in English and Chinese")
        return self


class CharacterTraits(BaseModel):
    """What describes a character without its name: its traits, how many of them a prompt must
    have and which ones it cannot lack, with the basis of that threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: int
    essential: tuple[str, ...]
    basis: str
    traits: tuple[Trait, ...]

    @model_validator(mode="after")
    def _consistent(self) -> "CharacterTraits":
        ids = [t.id for t in self.traits]
        if len(set(ids)) != len(ids):
            raise ValueError("trait ids repeat")
        if unknown := sorted(set(self.essential) - set(ids)):
            raise ValueError(f"essential traits {unknown} are not among the traits")
        if not (self.essential and self.basis.strip()):
            raise ValueError("a character's traits need essential traits and a basis")
        if not len(self.essential) <= self.threshold <= len(self.traits):
            raise ValueError("the threshold must lie between the essential traits and all traits")
        return self


class LexiconEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    aliases_en: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
    kind: Literal["character", "artwork", "brand", "artist"]
    case: str
    traits: CharacterTraits | None = None


def _trait_pattern(phrase: str) -> re.Pattern[str]:
    """A trait's English phrase on word boundaries, each word also in its plural."""
    words = _normalise(phrase).split()
    body = r"\s+".join(re.escape(w) + r"(?:e?s)?" for w in words)
    return re.compile(r"(?<![a-z0-9])" + body + r"(?![a-z0-9])")


_SEPARATORS = re.compile(r"[\s_\-·・.:'’()\[\]{}<>]+")
# Risk levels in rising order; the level each kind of match raises is data (screen.json).
LEVELS: tuple[RiskLevel, ...] = ("none", "low", "medium", "high")


def _normalise(text: str) -> str:
    return " " + _SEPARATORS.sub(" ", text.lower()).strip() + " "


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text.lower())


# jieba's own log ("Building prefix dict…") is not the product's to show.
jieba.setLogLevel(logging.WARNING)


# One tokenizer for the process: its dictionary loads once, on first use (about a second), and
# the lexicon's names are added to it at the frequency jieba suggests, so that each stays one
# word where it is one and a longer word that contains it (侠客 in 蝙蝠侠客行) still wins.
_TOKENIZER = jieba.Tokenizer()
_ADDED: set[str] = set()
_LOCK = threading.Lock()
# Only a window around each occurrence is segmented (a prompt may be very long); segmentation of
# a word depends on its neighbours within a few characters, not on the rest of the text.
MAX_CONTEXT = 12  # characters of context either side of a name
MAX_SEGMENTED = 1024  # windows whose segmentation is kept (short strings only)


@lru_cache(maxsize=MAX_SEGMENTED)
def _boundaries(window: str) -> frozenset[int]:
    edges, position = {0}, 0
    for word in _TOKENIZER.cut(window, HMM=False):
        position += len(word)
        edges.add(position)
    return frozenset(edges)


class _Segmenter:
    """Chinese word segmentation (jieba, with the lexicon's names added to its dictionary), so
    that a name written inside a longer word with another meaning does not match: a match must
    begin and end on word boundaries, as Latin matches do."""

    def __init__(self, names: list[str]) -> None:
        with _LOCK:
            new = [n for n in names if n not in _ADDED]
            for name in new:
                _TOKENIZER.add_word(name)
                _ADDED.add(name)
            if new:
                _boundaries.cache_clear()

    def on_boundaries(self, text: str, name: str) -> bool:
        start = text.find(name)
        while start != -1:
            left = max(0, start - MAX_CONTEXT)
            window = text[left : start + len(name) + MAX_CONTEXT]
            edges = _boundaries(window)
            begin = start - left
            if begin in edges and begin + len(name) in edges:
                return True
            start = text.find(name, start + 1)
        return False


class Screen:
    """The lexicon compiled once; ``flags(evidence)`` is then linear in the text screened. What
    the screen says and cites is data (``rulesets/screen.json``), like the jurisdictions' law."""

    def __init__(self, entries: list[LexiconEntry], rules: ScreenRules | None = None) -> None:
        self.rules = rules or screen_rules()
        self.latin: list[tuple[re.Pattern[str], re.Pattern[str], LexiconEntry, str]] = []
        self.cjk: list[tuple[str, LexiconEntry]] = []
        self.styles = {e.name for e in entries if e.kind == "artist"}
        for entry in entries:
            for alias in entry.aliases_en + (entry.name,):
                words = _normalise(alias).strip()
                if not words:
                    continue
                spaced = re.compile(r"(?<![a-z0-9])" + re.escape(words) + r"(?![a-z0-9])")
                compact = re.compile(
                    r"(?<![a-z0-9])" + re.escape(_compact(alias)) + r"(?![a-z0-9])"
                )
                self.latin.append((spaced, compact, entry, alias))
            for alias in entry.aliases_zh:
                if alias.strip():
                    self.cjk.append((alias.strip(), entry))
        self.segmenter = _Segmenter([alias for alias, _ in self.cjk])
        self.described = [
            (
                entry,
                entry.traits,
                [
                    ([_trait_pattern(p) for p in t.en if p.strip()], t.zh)
                    for t in entry.traits.traits
                ],
            )
            for entry in entries
            if entry.traits is not None
        ]

    def traits_of(self, text: str) -> list[tuple[LexiconEntry, list[str]]]:
        """The characters a text describes by their traits (enough of them, the essential ones
        among them), each with the traits' words as the text has them."""
        normal = _normalise(text)
        found = []
        for entry, traits, patterns in self.described:
            present: dict[str, str] = {}
            for trait, (latin, cjk) in zip(traits.traits, patterns, strict=True):
                hit = next((m.group(0) for p in latin if (m := p.search(normal))), None)
                hit = hit or next((w for w in cjk if w and w in text), None)
                if hit:
                    present[trait.id] = hit.strip()
            if len(present) >= traits.threshold and set(traits.essential) <= set(present):
                found.append((entry, list(present.values())))
        return found

    def match(self, text: str) -> list[tuple[LexiconEntry, str]]:
        found: dict[str, tuple[LexiconEntry, str]] = {}
        normal, compact = _normalise(text), " " + _compact(text) + " "
        for spaced, squeezed, entry, alias in self.latin:
            if entry.name not in found and (spaced.search(normal) or squeezed.search(compact)):
                found[entry.name] = (entry, alias)
        for alias, entry in self.cjk:
            if (
                entry.name not in found
                and alias in text
                and self.segmenter.on_boundaries(text, alias)
            ):
                found[entry.name] = (entry, alias)
        return list(found.values())

    def _level(self, entry: LexiconEntry, where: ScreenKind) -> FlagLevel:
        by_entry = self.rules.levels.by_entry_kind.get(entry.kind, {})
        found = {str(k): v for k, v in by_entry.items()}.get(where)
        return found or self.rules.levels.by_kind[where]

    def screen(self, evidence: Evidence) -> Infringement:
        """Each match flagged once per place, with the risk it raises: by what it names (a
        character or work, a brand, an artist's style) and where (prompt, LoRA, model, file name,
        input); a third party's input by how much it weighs on the output."""
        flags: list[Flag] = []
        seen: set[tuple[str, str, str]] = set()
        for item in evidence.screen:
            for entry, alias in self.match(item.text):
                key = (item.kind, entry.name, alias)
                if key in seen:
                    continue
                seen.add(key)
                said = self.rules.rules["style" if entry.kind == "artist" else "flags"]
                flags.append(
                    Flag(
                        kind=item.kind,
                        matched=alias,
                        protected_work=entry.name,
                        level=self._level(entry, item.kind),
                        # The entry's decision (perhaps pending) beside the screen's authority.
                        citations=list(dict.fromkeys([entry.case, *said.citations])),
                        step=item.step,
                        quote=item.text[:200],
                    )
                )
        for item in evidence.screen:
            if item.kind != "prompt":
                continue
            for entry, words in self.traits_of(item.text):
                if any(name == entry.name for _, name, _ in seen):
                    continue  # named already, or described once: the name says more
                seen.add(("described", entry.name, ""))
                flags.append(
                    Flag(
                        kind="described",
                        matched="; ".join(words),
                        protected_work=entry.name,
                        level=self.rules.levels.by_kind["described"],
                        citations=list(
                            dict.fromkeys([entry.case, *self.rules.rules["described"].citations])
                        ),
                        step=item.step,
                        quote=item.text[:200],
                    )
                )
        third = self.rules.levels.third_party
        for used in evidence.third_party_inputs:
            weighs: FlagLevel = (
                third.unmeasured
                if used.dominant is None
                else third.dominant
                if used.dominant
                else third.weak
            )
            flags.append(
                Flag(
                    kind="third_party_input",
                    matched=used.quote[:200],
                    protected_work="third-party material",
                    level=weighs,
                    citations=list(self.rules.rules["third_party_input"].citations),
                    step=used.step,
                    quote=used.quote[:200],
                )
            )
        level = max((LEVELS.index(f.level or "low") for f in flags), default=0)
        parts = []
        named = sorted(
            {f.protected_work for f in flags if f.kind not in ("third_party_input", "described")}
        )
        described = sorted({f.protected_work for f in flags if f.kind == "described"})
        styles = sorted({f.protected_work for f in flags if self._is_style(f.protected_work)})
        works = [n for n in named if n not in styles]
        inputs = [f.matched for f in flags if f.kind == "third_party_input"]
        for rule, names in (
            ("flags", works),
            ("described", described),
            ("style", styles),
            ("third_party_input", inputs),
        ):
            if names:
                parts.append((self.rules.rules[rule], ", ".join(names)))
        if not parts:
            parts.append((self.rules.rules["clear"], ""))
        rationale = " ".join(r.text.en.format(names=n) for r, n in parts)
        rationale_zh = "".join(r.text.zh.format(names=n) for r, n in parts)
        citations = sorted(
            {c for f in flags for c in f.citations} | {c for r, _ in parts for c in r.citations}
        )
        return Infringement(
            level=LEVELS[level],
            flags=flags,
            rationale=rationale,
            rationale_zh=rationale_zh,
            citations=citations,
        )

    def _is_style(self, name: str) -> bool:
        return name in self.styles

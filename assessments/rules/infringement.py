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
from typing import Any, Literal

import jieba
from pydantic import BaseModel, ConfigDict, model_validator

from .evidence import Evidence, ImageRef, ScreenKind
from .result import Comparison, Flag, Infringement, ScreenAuthorityOut, Statement
from .ruleset import SCREEN_JURISDICTIONS, FlagLevel, RiskLevel, ScreenRules, screen_rules


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
    # True only where a stored quotation shows the decision naming this work; otherwise the
    # decision is cited for the principle, and the flag says so.
    named_in_decision: bool = False
    traits: CharacterTraits | None = None
    # Phrases in which a name stands for something else ("the dark lord's minions"): a name
    # found only inside them does not match.
    negative: tuple[str, ...] = ()
    # Curators' reference images of the work: (perceptual hash in hex, label).
    references: tuple[tuple[str, str], ...] = ()


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


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def _has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


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
        self.references = [(e.name, h, label) for e in entries for h, label in e.references]
        # Each entry's negative phrases: Latin ones as one pattern on the normalised text,
        # Chinese ones as plain strings (blanked out before the name is looked for again).
        self.negatives: dict[str, tuple[re.Pattern[str] | None, tuple[str, ...]]] = {}
        for entry in entries:
            latin = [_normalise(n).strip() for n in entry.negative if not _has_cjk(n)]
            cjk = tuple(n.strip() for n in entry.negative if _has_cjk(n) and n.strip())
            pattern = (
                re.compile(
                    r"(?<![a-z0-9])(?:"
                    + "|".join(r"\s+".join(map(re.escape, n.split())) for n in latin if n)
                    + r")(?![a-z0-9])"
                )
                if any(latin)
                else None
            )
            if pattern is not None or cjk:
                self.negatives[entry.name] = (pattern, cjk)
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
                if self._outside_negatives(entry, text, alias, latin=(spaced, squeezed)):
                    found[entry.name] = (entry, alias)
        for alias, entry in self.cjk:
            if (
                entry.name not in found
                and alias in text
                and self.segmenter.on_boundaries(text, alias)
                and self._outside_negatives(entry, text, alias)
            ):
                found[entry.name] = (entry, alias)
        return list(found.values())

    def _outside_negatives(
        self,
        entry: LexiconEntry,
        text: str,
        alias: str,
        latin: tuple[re.Pattern[str], re.Pattern[str]] | None = None,
    ) -> bool:
        """Whether the name is still there once the entry's negative phrases are blanked out
        (a name found only inside them stands for something else)."""
        if entry.name not in self.negatives:
            return True
        pattern, cjk = self.negatives[entry.name]
        if latin is not None:
            normal = _normalise(text)
            if pattern is not None:
                normal = pattern.sub(" ", normal)
            spaced, squeezed = latin
            return bool(spaced.search(normal) or squeezed.search(" " + _compact(normal) + " "))
        for phrase in cjk:
            text = text.replace(phrase, " ")
        return alias in text and self.segmenter.on_boundaries(text, alias)

    def _level(self, entry: LexiconEntry, where: ScreenKind) -> FlagLevel:
        by_entry = self.rules.levels.by_entry_kind.get(entry.kind, {})
        found = {str(k): v for k, v in by_entry.items()}.get(where)
        return found or self.rules.levels.by_kind[where]

    def _authorities(self, topic: str, jurisdictions: list[str]) -> list[ScreenAuthorityOut]:
        by_jurisdiction = self.rules.authorities[topic]  # type: ignore[index]
        return [
            ScreenAuthorityOut(
                topic=topic,
                jurisdiction=code,
                on_point=a.on_point,
                text=a.text.en,
                text_zh=a.text.zh,
                citations=list(dict.fromkeys([*a.citations, *a.pending_citations])),
            )
            for code in jurisdictions
            if (a := by_jurisdiction.get(code)) is not None  # type: ignore[call-overload]
        ]

    def _cited(self, topic: str, jurisdictions: list[str]) -> list[str]:
        return [c for a in self._authorities(topic, jurisdictions) for c in a.citations]

    def _entry_flag(
        self, entry: LexiconEntry, topic: str, jurisdictions: list[str]
    ) -> dict[str, Any]:
        """The citations of a flag on a lexicon entry, and what its own decision is to it: the
        decision that named the work is cited first; one that did not is not cited for it (the
        authorities state the principle, and the note says so)."""
        cited = self._cited(topic, jurisdictions)
        texts = self.rules.texts
        if entry.named_in_decision:
            note = texts["entry_named"]
            return {
                "citations": list(dict.fromkeys([entry.case, *cited])),
                "note": note.en,
                "note_zh": note.zh,
                "named_by": entry.case,
            }
        note = texts["entry_principle"]
        return {
            "citations": list(dict.fromkeys(cited)),
            "note": note.en.format(work=entry.name),
            "note_zh": note.zh.format(work=entry.name),
        }

    def screen(self, evidence: Evidence) -> Infringement:
        """Each match flagged once per place, with the risk it raises: by what it names (a
        character or work, a brand, an artist's style) and where (prompt, LoRA, model, file name,
        input); a third party's input by how much it weighs on the output; the final image by
        how close it is to a third party's picture. Each flag cites, for every jurisdiction
        assessed, what its decisions say on the point, or that none is on point."""
        intake = evidence.intake
        jurisdictions: list[str] = (
            list(intake.jurisdictions) if intake else list(SCREEN_JURISDICTIONS)
        )
        purposes: list[str] = list(intake.purposes or []) if intake else []
        flags: list[Flag] = []
        seen: set[tuple[str, str, str]] = set()
        for item in evidence.screen:
            for entry, alias in self.match(item.text):
                key = (item.kind, entry.name, alias)
                if key in seen:
                    continue
                seen.add(key)
                topic = TOPIC_OF_KIND[entry.kind]
                flags.append(
                    Flag(
                        kind=item.kind,
                        matched=alias,
                        protected_work=entry.name,
                        level=self._level(entry, item.kind),
                        step=item.step,
                        quote=item.text[:200],
                        topic=topic,
                        **self._entry_flag(entry, topic, jurisdictions),
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
                        step=item.step,
                        quote=item.text[:200],
                        topic="described",
                        **self._entry_flag(entry, "described", jurisdictions),
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
                    matched=(used.name or used.sha256 or used.role)[:200],
                    protected_work=THIRD_PARTY,
                    level=weighs,
                    citations=self._cited("third_party_input", jurisdictions),
                    step=used.step,
                    quote=used.quote[:200],
                    quote_zh=used.quote_zh[:200],
                    topic="third_party_input",
                )
            )
        comparisons = self.compare(evidence)
        near = self.rules.near_copy
        for c in comparisons:
            if c.distance > near.similar_max:
                continue
            flags.append(
                Flag(
                    kind="near_copy",
                    matched=f"{c.final} / {c.other}",
                    protected_work=c.protected_work or THIRD_PARTY,
                    level="high" if c.distance <= near.near_max else "medium",
                    citations=self._cited("near_copy", jurisdictions),
                    quote=c.meaning,
                    quote_zh=c.meaning_zh,
                    topic="near_copy",
                )
            )
        statements: list[Statement] = []
        commercial = [p for p in purposes if p in self.rules.purposes.commercial]
        if commercial:
            flags = [self._raised(f) for f in flags]
        topics = list(dict.fromkeys(f.topic for f in flags if f.topic))
        for topic, chosen in (
            ("commercial", commercial if flags else []),
            ("parody", [p for p in purposes if p in self.rules.purposes.stated]),
        ):
            if chosen:
                statements.append(self._purpose(topic, chosen))
                topics.append(topic)
        authorities = [a for t in topics for a in self._authorities(t, jurisdictions)]
        level = max((LEVELS.index(f.level or "low") for f in flags), default=0)
        parts = []
        by_topic: dict[str, list[str]] = {}
        for f in flags:
            name = f.matched if f.protected_work == THIRD_PARTY else f.protected_work
            by_topic.setdefault(f.topic or "", []).append(name)
        for rule, topic in RULE_OF_TOPIC:
            if names := list(dict.fromkeys(by_topic.get(topic, []))):
                parts.append((self.rules.rules[rule], ", ".join(sorted(names))))
        if not parts:
            parts.append((self.rules.rules["clear"], ""))
        rationale = " ".join(r.text.en.format(names=n) for r, n in parts)
        rationale_zh = "".join(r.text.zh.format(names=n) for r, n in parts)
        citations = sorted(
            {c for f in flags for c in f.citations}
            | {c for r, _ in parts for c in [*r.citations, *r.pending_citations]}
            | {c for a in authorities for c in a.citations}
            | {c for s in statements for c in s.citations}
        )
        return Infringement(
            level=LEVELS[level],
            flags=flags,
            rationale=rationale,
            rationale_zh=rationale_zh,
            citations=citations,
            authorities=authorities,
            purposes=purposes,
            purpose_statements=statements,
            comparisons=comparisons,
        )

    def _raised(self, flag: Flag) -> Flag:
        """A flag of a kind the decisions punished commercial exploitation of, one level up."""
        if flag.topic not in self.rules.purposes.raises or flag.level is None:
            return flag
        raised = LEVELS[min(LEVELS.index(flag.level) + 1, len(LEVELS) - 1)]
        return flag.model_copy(update={"level": raised})

    def _purpose(self, topic: str, chosen: list[str]) -> Statement:
        """What the purpose means for the risk (each jurisdiction's law on it is among the
        authorities, topic ``commercial`` or ``parody``)."""
        names = self.rules.purposes.names
        rule = self.rules.rules[f"purpose_{topic}"]
        en = ", ".join(names[p].en for p in chosen)  # type: ignore[index]
        zh = "、".join(names[p].zh for p in chosen)  # type: ignore[index]
        return Statement(
            text=rule.text.en.format(purposes=en),
            text_zh=rule.text.zh.format(purposes=zh),
            citations=list(dict.fromkeys([*rule.citations, *rule.pending_citations])),
        )

    def compare(self, evidence: Evidence) -> list[Comparison]:
        """The final image (or each output, when no final file is named) against each third
        party's input and each curator's reference image, by perceptual hash; an input the user
        calls their own against the references (a known third party's picture). Third parties'
        inputs are always reported with their distance; references only when close."""
        near = self.rules.near_copy
        texts = self.rules.texts
        images = evidence.images
        finals = [i for i in images if i.role == "final"] or [
            i for i in images if i.role == "output"
        ]
        pairs: list[tuple[ImageRef, str, str, str | None, str]] = []
        for final in finals:
            for other in images:
                if other.role == "third_party_input":
                    pairs.append(
                        (
                            final,
                            other.name or other.sha256[:12],
                            other.phash,
                            None,
                            "third_party_input",
                        )
                    )
            for entry_name, phash, label in self.references:
                pairs.append((final, label, phash, entry_name, "reference"))
        for own in (i for i in images if i.role == "own_input"):
            for entry_name, phash, label in self.references:
                pairs.append((own, label, phash, entry_name, "own_input"))
        out: list[Comparison] = []
        for image, label, phash, work, kind in pairs:
            distance = hash_distance(image.phash, phash)
            if distance is None or (kind != "third_party_input" and distance > near.similar_max):
                continue
            band = (
                "near_copy_near"
                if distance <= near.near_max
                else "near_copy_similar"
                if distance <= near.similar_max
                else "near_copy_far"
            )
            meaning = texts[band]
            values = {
                "distance": distance,
                "final": image.name or image.sha256[:12],
                "other": label,
            }
            out.append(
                Comparison(
                    final=image.name or image.sha256[:12],
                    other=label,
                    other_kind=kind,
                    protected_work=work,
                    distance=distance,
                    meaning=meaning.en.format(**values),
                    meaning_zh=meaning.zh.format(**values),
                )
            )
            if len(out) >= MAX_COMPARISONS:
                break
        return out


# What a flag on someone else's picture names as the protected work (the report says it in words).
THIRD_PARTY = "third-party material"
# Comparisons reported at most (a work with many outputs and references stays readable).
MAX_COMPARISONS = 50
TOPIC_OF_KIND = {
    "character": "protected_work",
    "artwork": "protected_work",
    "brand": "brand",
    "artist": "style",
}
# The rationale's rule for each topic, in the order the rationale states them.
RULE_OF_TOPIC = (
    ("flags", "protected_work"),
    ("described", "described"),
    ("brand", "brand"),
    ("style", "style"),
    ("third_party_input", "third_party_input"),
    ("near_copy", "near_copy"),
)


_HASH = re.compile(r"[0-9a-f]{16}")  # a 64-bit perceptual hash in hex


def hash_distance(a: str, b: str) -> int | None:
    """Bits that differ between two 64-bit perceptual hashes in hex; None if either is not one."""
    if not (_HASH.fullmatch(a) and _HASH.fullmatch(b)):
        return None
    return (int.from_bytes(bytes.fromhex(a)) ^ int.from_bytes(bytes.fromhex(b))).bit_count()

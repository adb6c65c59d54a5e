"""Infringement screen: prompts (negative prompts excluded), LoRA and model names, file names and
inputs matched against the protected-works lexicon in English and Chinese.

Outputs substantially similar to a well-known character were held infringing when the prompt
named it (Guangzhou Ultraman 2024) and when a LoRA was trained on it (Hangzhou Ultraman LoRA
2024; Jinshan Medusa LoRA 2025). Matching is case-insensitive, on word boundaries for Latin
script, and tolerant of spacing and punctuation variants ("spider-man", "spider man",
"spiderman", "Spider_Man").
"""

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .evidence import Evidence
from .result import Flag, Infringement
from .ruleset import RiskLevel, ScreenRules, screen_rules


class LexiconEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str
    aliases_en: tuple[str, ...] = ()
    aliases_zh: tuple[str, ...] = ()
    kind: Literal["character", "artwork", "brand", "artist"]
    case: str


_SEPARATORS = re.compile(r"[\s_\-·・.:'’()\[\]{}<>]+")
# Risk levels in rising order; the level each kind of match raises is data (screen.json).
LEVELS: tuple[RiskLevel, ...] = ("none", "low", "medium", "high")


def _normalise(text: str) -> str:
    return " " + _SEPARATORS.sub(" ", text.lower()).strip() + " "


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text.lower())


class Screen:
    """The lexicon compiled once; ``flags(evidence)`` is then linear in the text screened. What
    the screen says and cites is data (``rulesets/screen.json``), like the jurisdictions' law."""

    def __init__(self, entries: list[LexiconEntry], rules: ScreenRules | None = None) -> None:
        self.rules = rules or screen_rules()
        self.latin: list[tuple[re.Pattern[str], re.Pattern[str], LexiconEntry, str]] = []
        self.cjk: list[tuple[str, LexiconEntry]] = []
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

    def match(self, text: str) -> list[tuple[LexiconEntry, str]]:
        found: dict[str, tuple[LexiconEntry, str]] = {}
        normal, compact = _normalise(text), " " + _compact(text) + " "
        for spaced, squeezed, entry, alias in self.latin:
            if entry.name not in found and (spaced.search(normal) or squeezed.search(compact)):
                found[entry.name] = (entry, alias)
        for alias, entry in self.cjk:
            if entry.name not in found and alias in text:
                found[entry.name] = (entry, alias)
        return list(found.values())

    def screen(self, evidence: Evidence) -> Infringement:
        flags: list[Flag] = []
        seen: set[tuple[str, str, str]] = set()
        for item in evidence.screen:
            for entry, alias in self.match(item.text):
                key = (item.kind, entry.name, alias)
                if key in seen:
                    continue
                seen.add(key)
                flags.append(
                    Flag(
                        kind=item.kind,
                        matched=alias,
                        protected_work=entry.name,
                        # The entry's decision (perhaps pending) beside the screen's authority.
                        citations=list(
                            dict.fromkeys([entry.case, *self.rules.rules["flags"].citations])
                        ),
                        step=item.step,
                        quote=item.text[:200],
                    )
                )
        for fact in evidence.third_party_inputs:
            flags.append(
                Flag(
                    kind="third_party_input",
                    matched=fact.quote[:200],
                    protected_work="third-party material",
                    citations=list(self.rules.rules["third_party_input"].citations),
                    step=fact.step,
                    quote=fact.quote[:200],
                )
            )
        by_kind = self.rules.levels.by_kind
        level = max((LEVELS.index(by_kind[f.kind]) for f in flags), default=0)
        said = self.rules.rules["flags" if flags else "clear"]
        citations = sorted({c for f in flags for c in f.citations} | set(said.citations))
        names = ", ".join(sorted({f.protected_work for f in flags}))
        rationale = said.text.en.format(names=names)
        rationale_zh = said.text.zh.format(names=names)
        return Infringement(
            level=LEVELS[level],
            flags=flags,
            rationale=rationale,
            rationale_zh=rationale_zh,
            citations=citations,
        )

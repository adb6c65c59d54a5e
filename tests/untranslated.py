"""Find English left in a rendered Chinese page.

The rule a translated page must follow: every text a reader sees (element text and the attributes
that are read out or shown: title, alt, placeholder, aria-label) is Chinese, except what is marked
as being in another language (an element with a ``lang`` that is not Chinese, or ``translate="no"``)
or is code (``code``, ``kbd``, ``samp``, ``pre``). What remains may still hold Latin-script words
that belong in Chinese text: names (parties, tools, works), citations and dockets as published,
and acronyms. Those are passed in as ``allow`` (phrases, matched whole) or are acronyms (a word
in capitals, such as AI, PDF or CJEU); anything else is reported with its context.

Used for the case pages here, and meant for any page or report that has a Chinese version.
"""

import re
from collections.abc import Iterable
from html.parser import HTMLParser

SKIPPED_TAGS = {"script", "style", "code", "kbd", "samp", "pre", "template"}
VOID_TAGS = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
READ_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label")
# A word: Latin letters (with accents), apostrophes and hyphens inside, at least two letters.
_WORD = re.compile(r"(?<![0-9A-Za-zÀ-ÿ\-:/_])[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’\-]*[A-Za-zÀ-ÿ]")
# Quotations and original-language names, as Chinese legal writing presents them: a run with no
# Chinese in it inside Chinese quotation marks, book-title marks or full-width parentheses
# (“ultra-photorealistic, Japan idol”, 《Zarya of the Dawn》, 维也纳商事法院（Handelsgericht Wien）).
_QUOTED = re.compile(r"“[^“”\u4e00-\u9fff]*”|《[^《》\u4e00-\u9fff]*》|（[^（）\u4e00-\u9fff]*）")
# Addresses quoted as such (buqinquan.com, www.example.org.cn).
_DOMAIN = re.compile(r"(?<![A-Za-z0-9.])[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?![A-Za-z0-9])")
# A proper name in Latin script inside Chinese text (a judge, a firm, a work): capitalised words,
# with the particles names carry between them ("Slaughter and May", "Tribunal de Justiça").
_PARTICLES = r"(?:and|of|the|for|de|der|den|des|du|da|do|la|le|van|von|y|e|&)"
_NAME = re.compile(
    r"(?<![A-Za-zÀ-ÿ])[A-ZÀ-Þ][A-Za-zÀ-ÿ'’.\-]*"
    r"(?:\s+(?:" + _PARTICLES + r"\s+)*[A-ZÀ-Þ0-9][A-Za-zÀ-ÿ'’.\-]*)*"
)
# Acronyms and units read the same in Chinese legal text: AI, PDF, RMB, LoRA, CFG, SHA-256.
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z][a-z]?$|^[A-Z]{2,}$")


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is its content exempt?
        self.texts: list[str] = []

    def _exempt(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = (values.get("lang") or "").lower()
        exempt = (
            self._exempt()
            or tag in SKIPPED_TAGS
            or (bool(lang) and not lang.startswith("zh"))
            or values.get("translate") == "no"
        )
        if not exempt:
            self.texts.extend(values[name] or "" for name in READ_ATTRIBUTES if values.get(name))
        if tag not in VOID_TAGS:
            self.stack.append(exempt)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID_TAGS and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self._exempt():
            self.texts.append(data)


def english_in_chinese(
    html: str, allow: Iterable[str] = (), *, proper_names: bool = True
) -> list[str]:
    """The English words of ``html``'s visible Chinese text, each with a little context.

    With ``proper_names`` (the default), capitalised words standing as names are accepted, so
    what is reported is English prose; interface labels are checked word for word by the
    translation catalogue's own completeness test. ``proper_names=False`` reports every word
    that ``allow`` does not name."""
    parser = _Visible()
    parser.feed(html)
    parser.close()
    phrases = sorted({p.strip() for p in allow if p and p.strip()}, key=len, reverse=True)
    # Whole phrases only: an allowed "C" (of "D.C. Cir.") must not cut into "Cite".
    allowed = [
        re.compile(r"(?<![A-Za-zÀ-ÿ])" + re.escape(phrase) + r"(?![A-Za-zÀ-ÿ])")
        for phrase in phrases
    ]
    found = []
    for text in parser.texts:
        text = _DOMAIN.sub(" ", _QUOTED.sub(" ", text))
        if proper_names:
            text = _NAME.sub(" ", text)
        for pattern in allowed:
            text = pattern.sub(" ", text)
        for match in _WORD.finditer(text):
            word = match.group(0)
            if _ACRONYM.match(word):
                continue
            start = max(0, match.start() - 20)
            found.append(f"{word!r} in …{text[start : match.end() + 20].strip()}…")
    return found

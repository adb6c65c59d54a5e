"""The Chinese case pages are Chinese: the untranslated-text checker finds no English prose on
any of them, and the translation catalogue has no string left untranslated."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from cases.models import Case
from tests.untranslated import english_in_chinese

pytestmark = pytest.mark.django_db

_NAME_WORD = re.compile(r"[A-Z][A-Za-zÀ-ÿ'’\-]+")
_NAME_RUN = re.compile(
    r"[A-Z][A-Za-zÀ-ÿ'’.\-]*(?: (?:[A-Z][A-Za-zÀ-ÿ'’.\-]*|de|der|von|van|du|la|le|&))*"
)


def names_of(case: Case) -> list[str]:
    """What may stand in Latin script on the Chinese page of ``case``: its names as published
    (short name, parties, citation, docket, tools, lexicon entries), the parts of those names,
    and the names its English texts use."""
    phrases = [case.short_name, case.parties, case.citation, case.docket, case.title_en]
    phrases += list(case.ai_tools)
    for work in case.protected_works.all():
        phrases += [work.name, *work.aliases_en]
    parts = [
        piece.strip()
        for phrase in phrases
        for piece in re.split(r"[,;()（），；]| v\.? ", phrase or "")
        if piece.strip()
    ]
    texts = [case.summary_en, case.holding_en, case.date_note, case.next_step_en]
    texts += [link.note_en for link in case.case_factors.all()]
    names = [m.group(0) for text in texts for m in _NAME_RUN.finditer(text or "")]
    words = [m.group(0) for phrase in phrases for m in _NAME_WORD.finditer(phrase or "")]
    return phrases + parts + names + words


def test_every_chinese_case_page_passes_the_untranslated_text_checker(client, loaded_library):
    problems = {}
    for case in Case.objects.published().prefetch_related("protected_works", "case_factors"):
        response = client.get(f"/cases/{case.slug}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200
        found = english_in_chinese(response.content.decode(), names_of(case))
        if found:
            problems[case.slug] = found[:5]
    assert problems == {}


def test_the_chinese_library_list_passes_the_checker(client, loaded_library):
    allow = [name for case in Case.objects.published() for name in names_of(case)]
    for query in ({}, {"proceeding": "pending"}, {"jurisdiction": "EU"}):
        html = client.get("/cases/", query, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert english_in_chinese(html, allow) == [], query


def test_the_checker_finds_english_prose_and_lets_marked_text_through():
    page = (
        '<html lang="zh-Hans"><body><p>法院认为 the prompt was too generic。</p>'
        '<p lang="en">Quoted in English</p><p>提示词“ultra-photorealistic, Japan idol”</p>'
        "<p>维也纳商事法院（Handelsgericht Wien）；佐审官Trstenjak发表意见</p>"
        '<input placeholder="Search decisions"><code>load_caselaw --update</code></body></html>'
    )
    found = english_in_chinese(page)
    words = [f.split("'")[1] for f in found]
    assert words == ["the", "prompt", "was", "too", "generic", "decisions"]
    strict = english_in_chinese(page, proper_names=False)
    assert any("'Search'" in f for f in strict) and any("'Trstenjak'" in f for f in strict)


def test_the_translation_catalogue_is_complete():
    for locale in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/django.po"):
        catalogue = polib.pofile(str(locale))
        left = [e.msgid for e in catalogue if not e.obsolete and not e.translated()]
        fuzzy = [e.msgid for e in catalogue if "fuzzy" in e.flags and not e.obsolete]
        assert left == [] and fuzzy == [], locale
        compiled = polib.mofile(str(locale.with_suffix(".mo")))
        translated = {e.msgid: e.msgstr or e.msgstr_plural for e in catalogue if e.msgid}
        shipped = {e.msgid: e.msgstr or e.msgstr_plural for e in compiled if e.msgid}
        assert shipped == translated, "the .mo file is older than the .po: make messages"

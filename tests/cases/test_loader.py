import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from cases.library import TRANSLATED_NOTES
from cases.models import Case, CaseFactor, Factor, ProtectedWork, Scenario, Source
from cases.services import caselaw_load

pytestmark = pytest.mark.django_db


def _counts():
    models = [Case, Source, Factor, CaseFactor, Scenario, ProtectedWork]
    rows = {m.__name__: m.objects.count() for m in models}
    history = {m.__name__: m.history.count() for m in models}
    return rows, history


def test_the_command_loads_the_library_and_a_second_run_changes_nothing(library):
    out = StringIO()
    call_command("load_caselaw", stdout=out)
    assert f"created {len(library.cases)} cases" in out.getvalue()
    assert len(library.cases) >= 50
    first = _counts()
    out = StringIO()
    call_command("load_caselaw", stdout=out)
    assert "nothing changed" in out.getvalue()
    call_command("load_caselaw", "--update", stdout=out)
    assert _counts() == first
    assert first[0]["Factor"] == 14


def test_every_row_of_the_shared_table_is_a_case_with_its_facts(shared_dir, loaded_library):
    text = (shared_dir / "caselaw" / "CASES.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| \d+ \| `([a-z0-9-]+)` \| (\w+) \|.*\| ([^|]+) \|$", text, re.M)
    assert len(rows) == 36
    cases = {c.slug: c for c in Case.objects.all()}
    for case in list(cases.values()):
        cases.update(dict.fromkeys(case.former_slugs, case))
    for slug, jurisdiction, verification in rows:
        case = cases[slug]  # the entry itself, or the one that replaced it
        assert case.jurisdiction == jurisdiction
        assert case.is_published
        assert case.sources.exists(), slug
        level = verification.strip().split()[0]
        if level == "Pending":
            # A matter pending in the table is still open, or now decided with a source for it.
            assert case.is_open or case.proceeding_status in ("guidance", "decided"), slug
        elif case.verification != {"V": "verified", "P": "partially_verified"}[level]:
            # Curation may lower a level, or raise one on the decision's own text or an official
            # page read by the curator, never on commentary alone.
            raised = case.verification == "verified"
            assert (
                not raised
                or case.sources.filter(
                    kind__in=["judgment_text", "official"], accessed_on__isnull=False
                ).exists()
            ), slug


def test_unverified_dockets_are_marked_unverified(shared_dir, loaded_library):
    text = (shared_dir / "caselaw" / "CASES.md").read_text(encoding="utf-8")
    for slug, docket in re.findall(
        r"^\| \d+ \| `([a-z0-9-]+)` \| \w+ \| [^|]+ \| [^|]+ \| ([^|]+) \|", text, re.M
    ):
        if "UNVERIFIED" in docket:
            case = Case.objects.get(slug=slug)
            assert "UNVERIFIED" not in case.docket  # the flag, not free text, carries it
            if not case.docket:
                continue  # no docket stated at all
            confirmed = case.sources.filter(
                kind__in=["judgment_text", "official"], accessed_on__isnull=False
            ).exists()
            assert "docket" in case.unverified_fields or confirmed, slug
            # A docket that rests on one secondary source is never part of the citation.
            if "docket" in case.unverified_fields:
                assert case.docket not in case.citation, slug


def test_scenarios_match_the_shared_json(shared_dir, loaded_library):
    scenarios = json.loads((shared_dir / "caselaw" / "scenarios.json").read_text(encoding="utf-8"))
    assert Scenario.objects.count() == len(scenarios)
    for data in scenarios:
        scenario = Scenario.objects.get(case__slug=data["id"])
        assert scenario.real_outcome == data["real_outcome"]
        assert scenario.use_as_test == data["use_as_test"]
        # The facts the rules read are the table's; the free-text notes are curated prose.
        notes = set(TRANSLATED_NOTES)
        assert {
            k: v for k, v in scenario.human_input.items() if v is not None and k not in notes
        } == {k: v for k, v in data["human_input"].items() if v is not None and k not in notes}
        assert set(scenario.human_input_zh) == {k for k in notes if scenario.human_input.get(k)}, (
            data["id"]
        )


def test_curators_edits_survive_a_reload_unless_update_is_asked(library):
    caselaw_load(library=library)
    case = Case.objects.get(slug="cn-bic-li-v-liu-2023")
    case.holding_en = "Edited by a curator."
    case.save()
    caselaw_load(library=library)
    case.refresh_from_db()
    assert case.holding_en == "Edited by a curator."
    report = caselaw_load(library=library, update=True)
    case.refresh_from_db()
    assert case.holding_en != "Edited by a curator."
    assert report.updated == {"cases": 1}


def test_lexicon_is_seeded_with_the_decisions_and_obvious_characters(loaded_library):
    ultraman = ProtectedWork.objects.get(name="Ultraman")
    assert "奥特曼" in ultraman.aliases_zh
    assert ultraman.case.slug == "cn-gzic-ultraman-tab-2024"
    assert ultraman.named_in_decision
    names = set(ProtectedWork.objects.values_list("name", flat=True))
    assert {"Pikachu", "Mickey Mouse", "Hello Kitty", "Spider-Man"} <= names
    assert ProtectedWork.objects.count() >= 20


def test_an_invalid_library_file_is_refused_with_the_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"format": "aigc-caselaw/1", "factors": [], "cases": [{"slug": "x"}], "typo": 1})
    )
    with pytest.raises(CommandError, match="invalid"):
        call_command("load_caselaw", "--file", str(bad))
    assert Case.objects.count() == 0
    with pytest.raises(CommandError, match="No library file"):
        call_command("load_caselaw", "--file", str(tmp_path / "missing.json"))


def test_a_lexicon_entry_citing_an_unknown_case_rolls_everything_back(library):
    broken = library.model_copy(
        update={"protected_works": [library.protected_works[0].model_copy(update={"case": "nope"})]}
    )
    with pytest.raises(ValueError, match="unknown case"):
        caselaw_load(library=broken)
    assert Case.objects.count() == 0


def _library_with_work(tmp_path, **change):
    data = json.loads(
        (Path(settings.BASE_DIR) / "cases" / "fixtures" / "caselaw.json").read_text("utf-8")
    )
    work = next(w for w in data["protected_works"] if w["name"] == "Pikachu")
    work.update(change)
    path = tmp_path / "library.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"named_in_decision": True, "name_quotation": ""}, "needs the quotation"),
        (
            {
                "traits": {
                    "threshold": 2,
                    "essential": ["yellow"],
                    "basis": "A trait list without its Chinese words.",
                    "traits": [
                        {"id": "yellow", "en": ["yellow"]},
                        {"id": "mouse", "en": ["mouse"], "zh": ["老鼠"]},
                    ],
                }
            },
            "zh",
        ),
        ({"colour": "yellow"}, "colour"),
    ],
)
def test_a_bad_lexicon_entry_is_refused_by_name_and_nothing_stored_is_lost(
    tmp_path, loaded_library, change, reason
):
    before = ProtectedWork.objects.count()
    with pytest.raises(CommandError, match=reason):
        call_command(
            "load_caselaw", "--file", str(_library_with_work(tmp_path, **change)), "--update"
        )
    assert ProtectedWork.objects.count() == before
    assert ProtectedWork.objects.get(name="Pikachu").named_in_decision is False

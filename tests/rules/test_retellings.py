"""The decided cases retold as files and an intake, through the pipeline a user's files go
through: each must come out as the tribunal decided, and its variant (the decisive fact changed)
must move as the decision's reasoning says."""

import json

import pytest

from assessments.rules import retellings
from assessments.rules.retellings import Retelling

FOLDERS = retellings.folders()


def test_the_retellings_cover_the_decided_cases_with_human_input_facts():
    told = {folder.name for folder in FOLDERS}
    assert len(told) >= 20
    library = json.loads((retellings.HERE.parents[2] / "cases/fixtures/caselaw.json").read_text())
    with_facts = {
        c["slug"]
        for c in library["cases"]
        if c.get("scenario") and c["scenario"]["use_as_test"] and c["jurisdiction"] != "IN"
    }
    assert with_facts <= told, sorted(with_facts - told)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_a_retold_case_comes_out_as_decided_and_its_variant_moves(folder, rulesets):
    told = Retelling.model_validate_json((folder / "retelling.json").read_bytes())
    assert told.slug == folder.name and told.mapping
    for name in [*told.files, *told.variant.files, told.intake, told.variant.intake]:
        assert (folder / name).is_file(), name
    outcome = retellings.run_one(folder, rulesets)
    if told.known_disagreement:
        # A stated defect of the rules: still present, or the manifest must say it is fixed.
        assert not (outcome.agrees and outcome.variant_moves), f"fixed: {outcome}"
        return
    assert outcome.verdict == told.expected, outcome
    assert outcome.variant_moves, outcome


def test_known_defects_are_few_and_stated():
    known = [
        f.name
        for f in FOLDERS
        if Retelling.model_validate_json((f / "retelling.json").read_bytes()).known_disagreement
    ]
    assert len(known) <= 2, known

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_validate_rules_agrees_with_every_decided_case(loaded_library):
    out = StringIO()
    call_command("validate_rules", stdout=out)
    text = out.getvalue()
    assert "agreement: 15/15 = 100%" in text
    assert "cn-bic-li-v-liu-2023" in text and "us-usco-zarya-2023" in text


def test_validate_rules_fails_on_an_empty_library(db):
    with pytest.raises(SystemExit) as exit_info:
        call_command("validate_rules", stdout=StringIO(), stderr=StringIO())
    assert exit_info.value.code == 1


def test_assess_prints_a_cited_result_for_samples(loaded_library, samples):
    out = StringIO()
    call_command(
        "assess",
        str(samples / "a1111/enslo_sd-webui.png"),
        str(samples / "comfyui/comfyexamples_inpaint_example.png"),
        stdout=out,
    )
    text = out.getvalue()
    assert "not legal advice" in text
    for code in ("CN", "US", "EU", "UK"):
        assert f"== {code} " in text
    assert "Hatsune Miku" in text  # the sample's prompt names the character
    assert "Evidence record: root" in text


def test_assess_json_with_intake(loaded_library, samples, tmp_path):
    intake = tmp_path / "intake.json"
    intake.write_text(
        json.dumps(
            {
                "jurisdictions": ["CN"],
                "claimed_author": {"name": "Li", "kind": "natural_person"},
                "dispute": True,
            }
        )
    )
    out = StringIO()
    call_command(
        "assess",
        str(samples / "a1111/enslo_sd-webui.png"),
        "--intake",
        str(intake),
        "--json",
        stdout=out,
    )
    body = json.loads(out.getvalue())
    assert list(body["jurisdictions"]) == ["CN"]
    assert body["rulesets"]["CN"].startswith("CN-")
    assert body["evidence_record"]["files"][0]["format"] == "png"


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.png"], "cannot be read"),
        (["bad.json"], "not valid JSON"),
        (["ok.txt", "--jurisdictions", "CN,XX"], "unknown jurisdiction"),
        (["ok.txt", "--intake", "intake-bad.json"], "intake: dispute"),
    ],
)
def test_assess_exits_2_with_the_reason_on_bad_input(
    loaded_library, tmp_path, monkeypatch, capsys, args, message
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.json").write_text('{"format": "aigc-creation-log/1", "steps": [')
    (tmp_path / "ok.txt").write_text(
        "a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8"
    )
    (tmp_path / "intake-bad.json").write_text(json.dumps({"dispute": "maybe"}))
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", *args, stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert message in err.getvalue()


def test_assess_answers_an_application_error_with_its_message_and_hint(db, tmp_path):
    """The commands' one handler: a library that lacks what the rulesets cite is said plainly,
    with what to do about it, and exit 2 (no traceback)."""
    (tmp_path / "ok.txt").write_text(
        "a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8"
    )
    err = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("assess", str(tmp_path / "ok.txt"), stdout=StringIO(), stderr=err)
    assert exit_info.value.code == 2
    assert "missing from the published library" in err.getvalue()
    assert "(run: python manage.py load_caselaw)" in err.getvalue()
    assert "Traceback" not in err.getvalue()

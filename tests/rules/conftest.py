import json
from pathlib import Path

import pytest

from assessments.creation_logs import parse
from assessments.rules import CaseProfile, Intake, LexiconEntry, Screen, load_rulesets

FIXTURE = Path(__file__).resolve().parents[2] / "cases" / "fixtures" / "caselaw.json"


@pytest.fixture(scope="session")
def library_data() -> dict:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def slugs(library_data) -> frozenset[str]:
    return frozenset(c["slug"] for c in library_data["cases"])


@pytest.fixture(scope="session")
def statuses(library_data) -> dict[str, str]:
    """Each decision's proceeding status, as the ruleset loader checks it."""
    return {c["slug"]: c["proceeding_status"] for c in library_data["cases"]}


@pytest.fixture(scope="session")
def rulesets(statuses):
    return load_rulesets(("CN", "US", "EU", "UK"), statuses)


def lexicon_entries(library: dict) -> list[LexiconEntry]:
    """The library's lexicon as the screen reads it, traits included (as the app loads it)."""
    return [
        LexiconEntry(
            name=w["name"],
            aliases_en=tuple(w["aliases_en"]),
            aliases_zh=tuple(w["aliases_zh"]),
            kind=w["kind"],
            case=w["case"],
            named_in_decision=w["named_in_decision"],
            traits=w.get("traits"),
            negative=tuple(w.get("negative", ())),
        )
        for w in library["protected_works"]
    ]


@pytest.fixture(scope="session")
def screen(library_data) -> Screen:
    return Screen(lexicon_entries(library_data))


@pytest.fixture(scope="session")
def profiles(library_data) -> list[CaseProfile]:
    values = {"supports_protection": 1.0, "against_protection": 0.0}
    found = []
    for case in library_data["cases"]:
        treatments = {
            f["code"]: values[f["treatment"]] for f in case["factors"] if f["treatment"] in values
        }
        if case["issue"] == "copyrightability" and treatments:
            found.append(
                CaseProfile(
                    slug=case["slug"],
                    jurisdiction=case["jurisdiction"],
                    outcome=case["outcome"],
                    treatments=treatments,
                )
            )
    return found


def log(*steps: dict, tool: str = "AUTOMATIC1111"):
    body = {"format": "aigc-creation-log/1", "tool": tool, "steps": list(steps)}
    return parse(json.dumps(body).encode(), "log.json")


def intake(**answers) -> Intake:
    return Intake(jurisdictions=answers.pop("jurisdictions", ["CN", "US", "EU", "UK"]), **answers)


LI_PROMPT_1 = "portrait of a young woman, long black hair, soft smile, standing by a window, golden hour sunlight"
LI_PROMPT_2 = (
    "portrait of a young woman, long black hair, soft smile, standing by a window, golden hour sunlight, "
    "close-up, 85mm lens, film grain, pastel colours, garden background"
)
LI_PROMPT_3 = LI_PROMPT_2 + ", looking back, rim light, oil painting style"


def li_v_liu_like():
    """The Li v. Liu process: detailed prompts, negative prompts, parameters, three rounds, a pick."""
    return log(
        {
            "at": "2024-03-01T10:00:00Z",
            "action": "generate",
            "model": "chilloutmix",
            "prompt": LI_PROMPT_1,
            "negative_prompt": "blurry, lowres",
            "params": {
                "seed": 11,
                "steps": 25,
                "cfg_scale": 7,
                "sampler": "Euler a",
                "width": 512,
                "height": 768,
            },
            "outputs": [{"name": "a1.png"}, {"name": "a2.png"}],
        },
        {
            "at": "2024-03-01T10:05:00Z",
            "action": "generate",
            "model": "chilloutmix",
            "prompt": LI_PROMPT_2,
            "negative_prompt": "blurry, lowres, extra fingers",
            "params": {
                "seed": 11,
                "steps": 30,
                "cfg_scale": 8,
                "sampler": "Euler a",
                "width": 512,
                "height": 768,
            },
        },
        {
            "at": "2024-03-01T10:12:00Z",
            "action": "generate",
            "model": "chilloutmix",
            "prompt": LI_PROMPT_3,
            "negative_prompt": "blurry, lowres, extra fingers",
            "params": {
                "seed": 12,
                "steps": 30,
                "cfg_scale": 8,
                "sampler": "DPM++ 2M",
                "width": 512,
                "height": 896,
            },
        },
        {
            "at": "2024-03-01T10:20:00Z",
            "action": "generate",
            "model": "chilloutmix",
            "prompt": LI_PROMPT_3 + ", blue dress",
            "negative_prompt": "blurry, lowres, extra fingers",
            "params": {
                "seed": 12,
                "steps": 35,
                "cfg_scale": 8,
                "sampler": "DPM++ 2M",
                "width": 512,
                "height": 896,
            },
        },
        {"at": "2024-03-01T10:25:00Z", "action": "select", "selected": ["final.png"]},
    )


def generic_prompt():
    return log({"action": "generate", "prompt": "masterpiece, best quality, 8k, beautiful"})

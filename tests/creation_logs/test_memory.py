"""Pausing the garbage collector must not keep anything: cycles made before, during and after a
pause are all freed by the next collection (a ``gc.freeze`` at the end of a pause once kept every
request's garbage for good)."""

import gc
import json
import weakref

import pytest
from pydantic import ValidationError

from assessments.creation_logs import CreationLogError, parse
from assessments.creation_logs.memory import gc_paused
from assessments.creation_logs.native import invalid_log, parse_native_json
from assessments.creation_logs.schema import CreationLog


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_cycles_around_a_pause_are_still_collected():
    before = Node()
    watch = [weakref.ref(before)]
    del before
    with gc_paused():
        during = Node()
        watch.append(weakref.ref(during))
        del during
        parse(b"a cat\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 8x8", "a.txt")
    after = Node()
    watch.append(weakref.ref(after))
    del after
    gc.collect()
    assert [ref() for ref in watch] == [None, None, None]
    assert gc.isenabled()


# The native log is validated step by step as it is decoded; whatever that path accepts must be
# exactly what pydantic's own JSON validation gives, and whatever it refuses must be refused with
# the same precise error.
_NATIVE_CASES = {
    "plain": {
        "format": "aigc-creation-log/1",
        "tool": "Stable Diffusion",
        "steps": [
            {
                "at": "2024-01-02T03:04:05Z",
                "action": "generate",
                "prompt": "a cat",
                "params": {"seed": 1, "steps": 30, "cfg_scale": 7, "width": 512, "height": 512},
                "outputs": [{"name": "a.png"}],
            },
            {
                "action": "select",
                "selected": ["a.png"],
                "params": {"cfg_scale": 7.0, "denoise": -0.0, "loras": [{"name": "x"}]},
            },
        ],
    },
    "coerced": {
        "format": "aigc-creation-log/1",
        "steps": [{"action": "generate", "params": {"steps": "30", "width": 512.0}}],
    },
    "action_outside_a_step": {
        "format": "aigc-creation-log/1",
        "steps": [{"action": "generate", "params": {"extra": {"action": "x"}}}],
    },
    "step_not_an_object": {"format": "aigc-creation-log/1", "steps": [1]},
    "unknown_key": {"format": "aigc-creation-log/1", "steps": [{"action": "edit", "typo": 1}]},
    "bad_action": {"format": "aigc-creation-log/1", "steps": [{"action": "dream"}]},
    "top_level_action": {"format": "aigc-creation-log/1", "action": "generate", "steps": []},
}


def _exact(text: str):
    try:
        return CreationLog.model_validate_json(text), None
    except ValidationError as exc:
        return None, str(invalid_log(exc))


def test_the_step_by_step_parse_gives_what_pydantic_gives():
    for name, body in _NATIVE_CASES.items():
        text = json.dumps(body)
        expected, error = _exact(text)
        if expected is not None:
            got = parse_native_json(text)
            assert got == expected, name
            assert got.model_dump_json() == expected.model_dump_json(), name
        else:
            with pytest.raises(CreationLogError) as caught:
                parse_native_json(text)
            assert str(caught.value) == error, name


def test_shared_values_keep_their_type_and_sign():
    steps = [
        {"action": "generate", "params": {"cfg_scale": value, "denoise": value}}
        for value in (7, 7.0, 0.5, 0.5, 1)
    ]
    log = parse_native_json(json.dumps({"format": "aigc-creation-log/1", "steps": steps}))
    assert [type(s.params.cfg_scale) for s in log.steps] == [float] * 5
    assert [s.params.denoise for s in log.steps] == [7.0, 7.0, 0.5, 0.5, 1.0]

"""Pausing the garbage collector must not keep anything: cycles made before, during and after a
pause are all freed by the next collection (a ``gc.freeze`` at the end of a pause once kept every
request's garbage for good)."""

import gc
import weakref

from assessments.creation_logs import parse
from assessments.creation_logs.memory import gc_paused


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

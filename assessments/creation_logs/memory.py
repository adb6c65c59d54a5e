"""Building a large log or its evidence allocates millions of small objects; every few hundred
allocations the cyclic garbage collector walks the whole growing heap, which turns linear work
quadratic. Nothing built here forms cycles that must be freed meanwhile, so collection waits
until the work is done."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

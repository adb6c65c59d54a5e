"""Building a large log or its evidence allocates millions of small objects; every few hundred
allocations the cyclic garbage collector walks the whole growing heap, which turns linear work
quadratic. Nothing built here forms cycles that must be freed meanwhile, so collection waits
until the work is done.

The first collection after the work still walks every object just built (about half a second for
a log of 100,000 steps). ``gc.freeze`` would spare that walk, but it freezes every object of the
process, the garbage of earlier requests included, and a full collection never frees frozen
cycles: the upload-abuse benchmark measured 1.4 GB kept after 300 requests. So the walk stays."""

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

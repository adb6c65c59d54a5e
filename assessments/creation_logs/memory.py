"""Building a large log or its evidence allocates millions of small objects; every few hundred
allocations the cyclic garbage collector walks the whole growing heap, which turns linear work
quadratic. Nothing built here forms cycles that must be freed meanwhile, so collection waits
until the work is done.

Even then, the first collection after the work would walk every object just built (half a second
for a log of 100,000 steps) only to find no cycle among them. So the objects alive at the end are
frozen (``gc.freeze``): the collector leaves them alone, and reference counting frees them as
usual when the log is dropped. The next pause first unfreezes what the last one froze, so any
cycle frozen with them is found by a later full collection: nothing is kept for good."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    gc.unfreeze()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()

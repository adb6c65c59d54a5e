"""Progress of a long parse, for a worker that shows it: a callback set around ``parse`` is told
how many steps are read out of how many (an estimate the reader refines)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Reporter = Callable[[int, int], None]

_REPORTER: ContextVar[Reporter | None] = ContextVar("creation_log_progress", default=None)


@contextmanager
def reporting(callback: Reporter) -> Iterator[None]:
    """Within the block, ``parse`` calls ``callback(done, total)`` as it reads steps."""
    token = _REPORTER.set(callback)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def report(done: int, total: int) -> None:
    callback = _REPORTER.get()
    if callback is not None:
        callback(done, max(total, done))


def active() -> bool:
    return _REPORTER.get() is not None

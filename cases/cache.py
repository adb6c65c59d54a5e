"""A cache of the public case library's answers, invalidated by a library version.

The library changes when curators edit it and is read by everyone, so its public answers (the
API's lists and decisions, the body of a decision's page) are kept in the cache under a key that
includes the library's current version. Any change to a curated row sets a new version (signals),
so no answer outlives the data it shows; old entries simply expire.

On by default where the cache is Redis, shared by every process (``CASE_CACHE_SECONDS``); off with
the per-process local-memory cache of the embedded mode, where a version set by one process would
not reach the others.
"""

import hashlib
import logging
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

T = TypeVar("T")
logger = logging.getLogger(__name__)
# What a cache that is down raises (redis-py's errors, sockets refused or timed out): the
# answer is then built from the database, never a 500.
try:
    from redis.exceptions import RedisError as _RedisError

    CACHE_ERRORS: tuple[type[BaseException], ...] = (_RedisError, OSError)
except ImportError:  # pragma: no cover - redis is a dependency
    CACHE_ERRORS = (OSError,)
# Identities longer than this are not cached (a crawler's endless query strings would fill the
# cache); callers build identities from validated, canonical parameters only.
MAX_IDENTITY = 512


def _cache(operation: str, *args: Any) -> Any:
    try:
        return getattr(cache, operation)(*args)
    except CACHE_ERRORS as exc:
        logger.warning("Cache unavailable (%s %s): %s", operation, args[:1], exc)
        return None


VERSION_KEY = "cases:library-version"
# Raised whenever what is kept under a kind changes shape, so that a deployment never reads the
# entries of the code it replaced.
FORMAT = 3


def library_version() -> str | None:
    """The library's current version; None when the cache cannot be reached."""
    version = _cache("get", VERSION_KEY)
    if version is None:
        _cache("add", VERSION_KEY, uuid.uuid4().hex, None)
        version = _cache("get", VERSION_KEY)
    return None if version is None else str(version)


def library_changed() -> None:
    """A new version now, and again when the change commits: a reader that cached the old rows
    between the two would otherwise keep them under the new version. A cache that is down
    cannot hold stale answers of this version either; the edit itself goes through."""
    _cache("set", VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: _cache("set", VERSION_KEY, uuid.uuid4().hex, None))


def cached_public(kind: str, identity: str, build: Callable[[], T]) -> T:
    """``build()``, or its value cached for this library version, language and ``identity``.
    A ``None`` from ``build`` (nothing found) is not kept."""
    seconds = settings.CASE_CACHE_SECONDS
    if seconds <= 0 or len(identity) > MAX_IDENTITY:
        return build()
    version = library_version()
    if version is None:  # the cache is down: served from the database
        return build()
    digest = hashlib.sha256(f"{get_language()}\n{identity}".encode()).hexdigest()[:32]
    key = f"cases:{FORMAT}:{kind}:{version}:{digest}"
    value = _cache("get", key)
    if value is None:
        value = build()
        if value is not None:
            _cache("set", key, value, seconds)
    return value

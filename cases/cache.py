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
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

T = TypeVar("T")
VERSION_KEY = "cases:library-version"
# Raised whenever what is kept under a kind changes shape, so that a deployment never reads the
# entries of the code it replaced.
FORMAT = 3


def library_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY) or "unversioned"
    return str(version)


def library_changed() -> None:
    """A new version now, and again when the change commits: a reader that cached the old rows
    between the two would otherwise keep them under the new version."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def cached_public(kind: str, identity: str, build: Callable[[], T]) -> T:
    """``build()``, or its value cached for this library version, language and ``identity``.
    A ``None`` from ``build`` (nothing found) is not kept."""
    seconds = settings.CASE_CACHE_SECONDS
    if seconds <= 0:
        return build()
    digest = hashlib.sha256(f"{get_language()}\n{identity}".encode()).hexdigest()[:32]
    key = f"cases:{FORMAT}:{kind}:{library_version()}:{digest}"
    value = cache.get(key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(key, value, seconds)
    return value

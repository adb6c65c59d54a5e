"""pytest plugin: find PostgreSQL and Redis before Django reads its settings.

Loaded with ``-p aigc_copyright.testing`` (pyproject's addopts), so this module runs before
pytest-django configures Django. When ``DATABASE_URL``/``REDIS_URL`` are unset it probes the
defaults (127.0.0.1:5432 user postgres, 127.0.0.1:6379) and points the settings at them when they
answer. Tests marked ``services`` are skipped with one loud summary line when a service is
unreachable; with ``REQUIRE_SERVICES=1`` the run fails instead.
"""

from __future__ import annotations

import os
import socket
from urllib.parse import urlparse

import pytest

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/aigc_copyright"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def _reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def _probe() -> dict[str, str]:
    """Return {service: reason} for each unreachable service, and set the URLs of reachable ones."""
    missing: dict[str, str] = {}
    db_url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if db_url.startswith("postgres") and _reachable(db_url, 5432):
        os.environ["DATABASE_URL"] = db_url
    elif "DATABASE_URL" in os.environ and not db_url.startswith("postgres"):
        missing["postgresql"] = f"DATABASE_URL is not PostgreSQL ({urlparse(db_url).scheme})"
    else:
        missing["postgresql"] = f"nothing answers at {urlparse(db_url).netloc}"
    redis_url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    # Tests decide per test whether tasks go to a real worker; the default stays in-process.
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
    if _reachable(redis_url, 6379):
        os.environ["REDIS_URL"] = redis_url
    else:
        missing["redis"] = f"nothing answers at {urlparse(redis_url).netloc}"
    return missing


MISSING = _probe()
# Connections are closed after each request, so the live server's thread does not hold the test
# database open when the run drops it.
os.environ.setdefault("CONN_MAX_AGE", "0")
# A test database of this run's own: two runs on one server (a developer's and CI's) never
# collide, and a stray connection left by an earlier run cannot block this one.
os.environ.setdefault("TEST_DATABASE_NAME", f"test_aigc_copyright_{os.getpid()}")
os.environ.setdefault("CACHE_KEY_PREFIX", f"test-{os.getpid()}")
REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_configure(config: pytest.Config) -> None:
    if REQUIRED and MISSING:
        reasons = "; ".join(f"{name}: {why}" for name, why in MISSING.items())
        raise pytest.UsageError(f"REQUIRE_SERVICES=1 but services are unreachable: {reasons}")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not MISSING:
        return
    skip = pytest.mark.skip(
        reason="services unreachable: " + ", ".join(f"{k} ({v})" for k, v in MISSING.items())
    )
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    if MISSING:
        terminalreporter.write_line(
            "!!! SERVICES UNREACHABLE, tests marked 'services' were SKIPPED: "
            + "; ".join(f"{k}: {v}" for k, v in MISSING.items())
            + " (set REQUIRE_SERVICES=1 to fail instead)",
            red=True,
            bold=True,
        )

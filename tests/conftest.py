import uuid
from pathlib import Path

import pytest

from cases.services import caselaw_load, library_read

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


@pytest.fixture(scope="session")
def library():
    return library_read()


@pytest.fixture
def loaded_library(db, library):
    caselaw_load(library=library)
    return library


@pytest.fixture
def samples() -> Path:
    path = SHARED / "samples" / "creation-logs"
    if not path.is_dir():
        pytest.skip(f"!!! ../shared is absent ({path}): the real sample files cannot be read")
    return path


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(
            f"!!! ../shared is absent ({SHARED}): this test compares against the shared case-law "
            "files and cannot run without them"
        )
    return SHARED


@pytest.fixture
def curator(db):
    from accounts.roles import Role
    from accounts.services import user_create_with_role

    return user_create_with_role(username="cura", password="a-long-pass-123", role=Role.CURATOR)


@pytest.fixture
def curator_client(client, curator):
    client.force_login(curator)
    return client


@pytest.fixture
def pdf_renderer() -> None:
    """WeasyPrint needs Pango from the system; without it PDF checks cannot run (CI installs it)."""
    import os

    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"WeasyPrint cannot load: {exc}")
        pytest.skip(f"!!! WeasyPrint cannot load here ({exc}): PDF checks skipped")


@pytest.fixture(autouse=True)
def _fresh_library_version():
    """Each test starts with a library version of its own: a rolled-back test's rows must not
    be answered from a cache filled by an earlier test."""
    from django.core.cache import cache

    from cases.cache import VERSION_KEY

    cache.set(VERSION_KEY, f"test-{uuid.uuid4().hex}", None)

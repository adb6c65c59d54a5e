"""Helpers shared by the benchmarks: isolated runs, peak memory, the results file."""

import json
import os
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results.json"


def peak_rss_bytes() -> int:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def reset_peak() -> None:
    """Reset the kernel's resident high-water mark of this process (Linux)."""
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def _status_kb(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def current_rss_bytes() -> int:
    return _status_kb("VmRSS") * 1024


def high_water_bytes() -> int:
    """The peak resident memory since the last ``reset_peak``."""
    return _status_kb("VmHWM") * 1024


def run_isolated(
    module: str, *args: str, env: dict[str, str] | None = None, timeout: int = 600
) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (so peak memory belongs to it alone, and its
    settings come from ``env``); its last line of output is the JSON of its figures."""
    output = subprocess.run(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", module, *args],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if output.returncode != 0:
        print(output.stderr[-3000:])
        raise SystemExit(1)
    return json.loads(output.stdout.strip().splitlines()[-1])


def save(section: str, figures: Any) -> None:
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[section] = figures
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


def database(name: str, *, fresh: bool) -> str:
    """The URL of a PostgreSQL database of the benchmark's own, created (or emptied) here."""
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    server = base.rsplit("/", 1)[0]
    admin = f"{server}/postgres"
    if fresh:
        subprocess.run(
            ["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], capture_output=True
        )
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], capture_output=True)
    return f"{server}/{name}"


def production_env(database_url: str, **overrides: str) -> dict[str, str]:
    """The environment of a benchmark's process: this one's, with the production settings
    (``DEBUG=0``) served over plain HTTP on the test host, no Redis unless overridden."""
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "aigc_copyright.settings",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        **overrides,
    }

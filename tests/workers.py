"""The command line of a real Celery worker for tests (one process, nothing but the tasks)."""

import sys

WORKER = [
    sys.executable,
    "-m",
    "celery",
    "-A",
    "aigc_copyright",
    "worker",
    "--pool=solo",
    "--without-gossip",
    "--without-mingle",
    "--without-heartbeat",
    "--loglevel=WARNING",
]

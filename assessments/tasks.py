"""Thin Celery tasks: ids in, one service call (STYLE.md)."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from . import services

# A build or a read: acknowledged once done, given back if its worker dies, retried when the
# database connection drops, and bounded in time.
DURABLE = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 2,
    "retry_backoff_max": 60,
    "max_retries": 5,
    "soft_time_limit": 120,
    "time_limit": 180,
}


@shared_task(**DURABLE)
def build_report(report_id: int) -> None:
    services.report_build(report_id=report_id)


@shared_task(**DURABLE)
def read_log(job_id: str) -> None:
    services.log_parse_job_run(job_id=job_id)


@shared_task(**DURABLE)
def issue_report(version_id: int) -> None:
    services.report_version_build(version_id=version_id)


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def sweep_reports() -> int:
    sent = services.reports_sweep(
        pending_after=settings.REPORT_PENDING_GRACE,
        running_after=settings.REPORT_RUNNING_DEADLINE,
        silent_after=settings.REPORT_SILENT_DEADLINE,
    )
    sent += services.report_versions_sweep(pending_after=settings.REPORT_PENDING_GRACE)
    return sent + services.log_parse_jobs_sweep(
        pending_after=settings.REPORT_PENDING_GRACE,
        silent_after=settings.REPORT_SILENT_DEADLINE,
        keep_for=settings.PARSE_JOB_KEEP,
    )


@shared_task(acks_late=True, soft_time_limit=10, time_limit=20)
def noop() -> str:
    """A round trip through the broker and a worker that does nothing: a health check, and the
    floor the report benchmark compares itself with."""
    return "ok"

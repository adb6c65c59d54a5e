"""Use cases of the assessment workflow (writes)."""

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from aigc_copyright.errors import ApplicationError
from cases import selectors as case_selectors
from cases.links import PublicUrlMissing, case_url_template, public_base

from .assessment import result_build
from .creation_logs import CreationLog, parse, precheck, reporting, step_json
from .models import (
    Assessment,
    AssessmentShare,
    AssessmentStatus,
    CreationLogFile,
    LogParseJob,
    Report,
    ReportStatus,
    ReportVersion,
    ReviewNote,
    ReviewNoteKind,
    StoredFile,
)
from .reports.render import (
    BILINGUAL,
    Issued,
    Note,
    PdfUnavailable,
    Review,
    render_html,
    render_pdf,
)
from .rules import JURISDICTIONS, Intake, MissingCitation, Result, load_rulesets
from .rules.result import VERDICTS

logger = logging.getLogger(__name__)


def work_title(assessment: Assessment) -> str | None:
    """The work's title as a report prints it: the intake's title of the work (none when it was
    cleared, an untitled work), else, never answered, the assessment's."""
    intake = assessment.intake or {}
    if "work_title" in intake:
        title = intake["work_title"]
        return title.strip() or None if isinstance(title, str) else None
    return assessment.title or None


def assessment_create(*, owner: AbstractBaseUser, title: str = "") -> Assessment:
    return Assessment.objects.create(owner=owner, title=title)


def stored_file_get_or_create(*, data: bytes) -> StoredFile:
    """The original bytes, content-addressed: the same bytes are stored once."""
    digest = hashlib.sha256(data).hexdigest()
    existing = StoredFile.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    stored = StoredFile(sha256=digest, size=len(data))
    stored.file.save(digest, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # the same bytes stored concurrently: keep the first row
        return StoredFile.objects.get(sha256=digest)
    return stored


@dataclass(frozen=True)
class Attached:
    log_file: CreationLogFile
    created: bool
    log: CreationLog


def creation_log_attach(*, assessment: Assessment, name: str, data: bytes) -> Attached:
    """Parse a file and attach it with its original bytes; raises CreationLogError on bad input.

    Nothing is stored for a file that cannot be read; a file attached before is returned as it
    is (the same bytes are attached once per assessment).
    """
    existing = _attached_before(assessment, data)
    if existing is not None:
        return existing
    return _attach_parsed(assessment=assessment, name=name, data=data, log=parse(data, name))


def is_attached(*, assessment: Assessment, data: bytes) -> bool:
    digest = hashlib.sha256(data).hexdigest()
    return CreationLogFile.objects.filter(assessment=assessment, stored__sha256=digest).exists()


def _attached_before(assessment: Assessment, data: bytes) -> Attached | None:
    digest = hashlib.sha256(data).hexdigest()
    existing = (
        CreationLogFile.objects.filter(assessment=assessment, stored__sha256=digest)
        .select_related("stored")
        .first()
    )
    if existing is None:
        return None
    return Attached(existing, False, CreationLog.model_validate(existing.log))


def _attach_parsed(*, assessment: Assessment, name: str, data: bytes, log: CreationLog) -> Attached:
    stored = stored_file_get_or_create(data=data)
    try:
        with transaction.atomic():
            log_file = CreationLogFile.objects.create(
                assessment=assessment,
                stored=stored,
                name=log.files[0].name if log.files and log.files[0].name else name[:255],
                source_format=log.source_format or "",
                log=log.model_dump(mode="json"),
            )
    except IntegrityError:
        log_file = CreationLogFile.objects.get(assessment=assessment, stored=stored)
        return Attached(log_file, False, log)
    # New evidence makes a finished report stale: the assessment is a draft again.
    Assessment.objects.filter(
        pk=assessment.pk, status__in=[AssessmentStatus.DONE, AssessmentStatus.FAILED]
    ).update(status=AssessmentStatus.DRAFT)
    return Attached(log_file, True, log)


class NotAttached(ApplicationError, LookupError):
    code = "log_not_attached"
    status = 404


@dataclass
class Withdrawn:
    log_file: CreationLogFile
    was_final: bool


@transaction.atomic
def creation_log_withdraw(
    *, assessment: Assessment, log_id: int, user: AbstractBaseUser
) -> Withdrawn:
    """Withdraw a file from an assessment: the rules no longer read it, and its entry stays in the
    evidence history with its hash and when and by whom it was withdrawn (nothing is deleted; the
    bytes stay stored). If it was named as the final work, that answer is cleared, since the
    report must not name a file it no longer rests on."""
    if not 0 < log_id < 2**63:  # no row has such an id, and the database would refuse it
        raise NotAttached(gettext("No such file is attached to this assessment."))
    log_file = (
        CreationLogFile.objects.select_for_update()
        .filter(assessment=assessment, pk=log_id)
        .select_related("stored")
        .first()
    )
    if log_file is None:
        raise NotAttached(gettext("No such file is attached to this assessment."))
    log_file.withdrawn_at = timezone.now()
    log_file.withdrawn_by = user  # type: ignore[assignment]
    log_file.save(update_fields=["withdrawn_at", "withdrawn_by"])
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    intake = dict(locked.intake or {})
    was_final = bool(intake.get("final_file")) and intake.get("final_file") == log_file.name
    if was_final:
        del intake["final_file"]
        locked.intake = intake
    if locked.status in (AssessmentStatus.DONE, AssessmentStatus.FAILED):
        locked.status = AssessmentStatus.DRAFT  # the report rests on a file no longer attached
    locked.save(update_fields=["intake", "status", "updated_at"])
    return Withdrawn(log_file, was_final)


# --- Files read in the background ------------------------------------------------------------


def parse_in_worker(*, data: bytes, name: str) -> bool:
    """Whether a file is read by a worker rather than in the request: a JSON text (whose parse
    time grows with its size) over ``PARSE_IN_REQUEST_MAX_BYTES``. The quick refusals (size,
    encoding, too many objects or steps) are made here, in the request, so a file that can never
    be read is refused at once; raises CreationLogError."""
    kind = precheck(data, name)
    return kind == "json" and len(data) > settings.PARSE_IN_REQUEST_MAX_BYTES


def log_parse_job_create(
    *,
    owner: AbstractBaseUser,
    name: str,
    data: bytes,
    assessment: Assessment | None = None,
    form: str = "auto",
) -> LogParseJob:
    """Keep the bytes and send them to a worker once the transaction commits. The same bytes
    sent again while they are being read give back the job already reading them."""
    digest = hashlib.sha256(data).hexdigest()
    live = LogParseJob.objects.filter(
        owner=owner,
        assessment=assessment,
        sha256=digest,
        form=form,
        status__in=[ReportStatus.PENDING, ReportStatus.RUNNING],
    ).first()
    if live is not None:
        return live
    job = LogParseJob(
        owner=owner,
        assessment=assessment,
        name=name[:255],
        size=len(data),
        sha256=digest,
        form=form,
    )
    job.upload.save(str(job.pk), ContentFile(data), save=False)
    job.save()
    transaction.on_commit(lambda: log_parse_job_enqueue(job_id=str(job.pk)))
    return job


def log_parse_job_enqueue(*, job_id: str) -> bool:
    from .tasks import read_log

    return _enqueue(read_log, LogParseJob, job_id, "parse job")


# Progress is written at most this often (a database row per update).
_PROGRESS_INTERVAL = 0.5


def log_parse_job_run(*, job_id: str) -> None:
    """Read the file of a pending job: claim it, parse with progress, attach it or keep the
    preview's answer, remove the bytes. A file that cannot be read fails the job with the
    parser's code and message; nothing else is lost."""
    attempt = _job_claim(job_id)
    if attempt is None:
        return
    job = LogParseJob.objects.select_related("assessment").get(pk=job_id)
    with job.upload.open("rb") as handle:
        data = handle.read()
    last = [0.0]

    def told(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= _PROGRESS_INTERVAL:
            last[0] = now
            LogParseJob.objects.filter(pk=job_id, attempts=attempt).update(
                steps_read=done, steps_total=total, stage="reading", heartbeat_at=timezone.now()
            )

    LogParseJob.objects.filter(pk=job_id).update(stage="reading", heartbeat_at=timezone.now())
    try:
        with reporting(told):
            log = parse(data, job.name)
    except ApplicationError as exc:
        _job_finish(
            job, attempt, status=ReportStatus.FAILED, error_code=exc.code, error=exc.message
        )
        return
    count = len(log.steps)
    LogParseJob.objects.filter(pk=job_id, attempts=attempt).update(
        steps_read=count, steps_total=count, stage="saving", heartbeat_at=timezone.now()
    )
    if job.assessment is not None:
        attached = _attached_before(job.assessment, data) or _attach_parsed(
            assessment=job.assessment, name=job.name, data=data, log=log
        )
        _job_finish(job, attempt, status=ReportStatus.DONE, log_file=attached.log_file)
    else:
        full = job.form == "full" or (job.form == "auto" and count <= SUMMARY_ABOVE_STEPS)
        answer = log.model_dump(mode="json") if full else log_summary(log)
        _job_finish(job, attempt, status=ReportStatus.DONE, result=answer)


def log_summary(log: CreationLog) -> dict[str, Any]:
    """The parse answer for a large log: the timeline first (its first steps), the counts and
    the warnings; the raw carriers and the rest of the steps only in the full form."""
    body = log.model_dump(mode="json", exclude={"steps", "carriers"})
    body["steps"] = [step_json(s) for s in log.steps[:SUMMARY_STEPS]]
    body["form"] = "summary"
    body["step_count"] = len(log.steps)
    body["carrier_count"] = len(log.carriers)
    body["full_form"] = "Send the file again with ?form=full for every step and the raw carriers."
    return body


# Logs longer than this are answered in the summary form unless the full one is asked for.
SUMMARY_ABOVE_STEPS = 1_000
SUMMARY_STEPS = 200


def _job_claim(job_id: str) -> int | None:
    with transaction.atomic():
        job = (
            LogParseJob.objects.select_for_update()
            .filter(pk=job_id, status=ReportStatus.PENDING)
            .only("pk", "attempts")
            .first()
        )
        if job is None:
            return None
        job.status = ReportStatus.RUNNING
        job.started_at = job.heartbeat_at = timezone.now()
        job.attempts += 1
        job.stage = "reading"
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "stage"])
        return job.attempts


def _job_finish(job: LogParseJob, attempt: int, **fields: Any) -> None:
    """Record the end of the read that holds ``attempt`` (a read presumed dead that wakes up
    after its successor records nothing), then remove the bytes."""
    with transaction.atomic():
        held = (
            LogParseJob.objects.select_for_update()
            .filter(pk=job.pk, status=ReportStatus.RUNNING, attempts=attempt)
            .first()
        )
        if held is None:
            return
        for key, value in fields.items():
            setattr(held, key, value)
        held.stage = "done" if held.status == ReportStatus.DONE else "failed"
        held.finished_at = timezone.now()
        upload = held.upload.name
        held.upload = ""
        held.save()
    if upload:
        transaction.on_commit(lambda: default_storage.delete(upload))


def log_parse_jobs_sweep(
    *, pending_after: timedelta, silent_after: timedelta, keep_for: timedelta
) -> int:
    """Send again a job a lost message or a dead worker left behind; forget finished previews
    after ``keep_for`` (an attached log stays with its assessment). Returns how many were sent."""
    now = timezone.now()
    LogParseJob.objects.filter(
        status=ReportStatus.RUNNING, heartbeat_at__lt=now - silent_after
    ).update(status=ReportStatus.PENDING, stage="queued")
    pending = list(
        LogParseJob.objects.filter(status=ReportStatus.PENDING, created_at__lt=now - pending_after)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - pending_after))
        .values_list("pk", flat=True)
    )
    for job_id in pending:
        log_parse_job_enqueue(job_id=str(job_id))
    for old in LogParseJob.objects.filter(finished_at__lt=now - keep_for):
        old.delete()
    return len(pending)


class ShareError(ApplicationError, ValueError):
    code = "share_refused"
    status = 400


def assessment_share(*, assessment: Assessment, username: str, can_edit: bool) -> AssessmentShare:
    """Share with a colleague by username (read, or read and edit); sharing again updates it."""
    user = get_user_model().objects.filter(username=username).first()
    if user is None:
        raise ShareError(gettext("No user named “%(name)s”.") % {"name": username})
    if user.pk == assessment.owner_id:
        raise ShareError(gettext("The owner already has access."))
    share, _ = AssessmentShare.objects.update_or_create(
        assessment=assessment, user=user, defaults={"can_edit": can_edit}
    )
    return share


def assessment_unshare(*, assessment: Assessment, username: str) -> None:
    AssessmentShare.objects.filter(assessment=assessment, user__username=username).delete()


# --- The report workflow ---------------------------------------------------------------------


class NothingToAssess(ApplicationError, ValueError):
    """Submitting needs at least one creation log or intake answer."""

    code = "nothing_to_assess"
    status = 400


def _has_answers(intake: dict[str, Any]) -> bool:
    """An answer beyond where to assess and what the work is called."""
    return any(
        value not in (None, "", [], {})
        for key, value in (intake or {}).items()
        if key not in ("jurisdictions", "work_title")
    )


def assessment_intake_update(*, assessment: Assessment, intake: dict[str, Any]) -> Assessment:
    """Validate and save the intake; a change after a report makes that report stale."""
    Intake.model_validate(intake)  # raises pydantic.ValidationError naming the field
    assessment.intake = intake
    if assessment.status in (AssessmentStatus.DONE, AssessmentStatus.FAILED):
        assessment.status = AssessmentStatus.DRAFT
    assessment.save(update_fields=["intake", "status", "updated_at"])
    return assessment


# Which intake keys each form field writes (the form splits two nested answers in fields).
FIELD_KEYS = {
    "author_name": "claimed_author",
    "author_kind": "claimed_author",
    "post_editing_description": "post_editing",
    "post_editing_hours": "post_editing",
    "before_after_files": "post_editing",
}


def assessment_intake_step_save(
    *, assessment: Assessment, step: str, fields: list[str], answers: dict[str, Any], next_step: str
) -> Assessment:
    """Save one step of the guided intake as a draft: the step's keys are replaced by its new
    answers (so clearing an answer works) and the rest is kept; progress records where to resume."""
    keys = {FIELD_KEYS.get(field, field) for field in fields}
    merged = {k: v for k, v in (assessment.intake or {}).items() if k not in keys} | answers
    Intake.model_validate({"jurisdictions": list(JURISDICTIONS)} | merged)
    progress = dict(assessment.intake_progress or {})
    completed = [s for s in progress.get("completed", []) if s != step] + [step]
    assessment.intake = merged
    assessment.intake_progress = {"completed": completed, "step": next_step}
    if assessment.status in (AssessmentStatus.DONE, AssessmentStatus.FAILED):
        assessment.status = AssessmentStatus.DRAFT
    assessment.save(update_fields=["intake", "intake_progress", "status", "updated_at"])
    return assessment


def _intake_of(assessment: Assessment) -> Intake:
    data = dict(assessment.intake or {})
    data.setdefault("jurisdictions", list(JURISDICTIONS))
    if "work_title" not in data:
        data["work_title"] = assessment.title or None
    elif not data["work_title"]:
        data["work_title"] = None
    return Intake.model_validate(data)


REPORT_LANGUAGES = ("en", "zh")


class InvalidLanguages(ApplicationError):
    code = "invalid_languages"


def report_languages_valid(languages: Any) -> list[str]:
    """The report languages in their one order, or InvalidLanguages saying what is allowed."""
    if (
        not isinstance(languages, list)
        or not languages
        or not all(language in REPORT_LANGUAGES for language in languages)
    ):
        raise InvalidLanguages(
            gettext('Report languages: ["en"], ["zh"] or ["en", "zh"] (both in one report).')
        )
    return [language for language in REPORT_LANGUAGES if language in languages]


def assessment_languages_update(*, assessment: Assessment, languages: Any) -> Assessment:
    assessment.report_languages = report_languages_valid(languages)
    assessment.save(update_fields=["report_languages", "updated_at"])
    return assessment


def language_of(code: str | None) -> str:
    """The report language for a request's language (zh-hans and the like: Chinese)."""
    return "zh" if (code or "").lower().startswith("zh") else "en"


def input_digest(*, assessment: Assessment, rulesets: dict[str, str]) -> str:
    """SHA-256 over what the report depends on: the logs' hashes, the intake, the rulesets and
    the languages it is built in."""
    hashes = sorted(assessment.logs.values_list("stored__sha256", flat=True))
    payload = json.dumps(
        {
            "logs": hashes,
            "intake": _intake_of(assessment).model_dump(mode="json"),
            "rulesets": rulesets,
            "languages": list(assessment.report_languages or []),
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def current_rulesets(intake: Intake) -> dict[str, str]:
    rulesets = load_rulesets(tuple(intake.jurisdictions), case_selectors.published_statuses())
    return {code: ruleset.id for code, ruleset in sorted(rulesets.items())}


class FilesStillReading(ApplicationError, ValueError):
    code = "files_being_read"
    status = 409


@transaction.atomic
def assessment_submit(
    *, assessment: Assessment, public_url: str = "", language: str | None = None
) -> tuple[Report, bool]:
    """Create a pending report and enqueue its build once the transaction commits.

    An unchanged assessment under unchanged rules gives back its existing report instead of a
    duplicate; so does the same submission sent twice at once (the unique constraint decides).
    The report is built in the assessment's languages; the first submit chooses the
    submitter's (``language``) where none was chosen.
    """
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.report_languages:
        assessment.report_languages = [language_of(language)]
        assessment.save(update_fields=["report_languages"])
    if LogParseJob.objects.filter(
        assessment=assessment, status__in=[ReportStatus.PENDING, ReportStatus.RUNNING]
    ).exists():
        raise FilesStillReading(
            gettext(
                "A file sent for this assessment is still being read: submit once it is "
                "attached, so that the report rests on every record."
            )
        )
    if not assessment.logs.exists() and not _has_answers(assessment.intake):
        raise NothingToAssess(
            gettext(
                "Attach at least one creation log or answer the questions before submitting: "
                "the jurisdictions and the title alone give nothing to assess."
            )
        )
    intake = _intake_of(assessment)
    rulesets = current_rulesets(intake)
    digest = input_digest(assessment=assessment, rulesets=rulesets)
    existing = (
        assessment.reports.exclude(status=ReportStatus.FAILED).filter(input_digest=digest).first()
    )
    if existing is not None:
        return existing, False
    report = Report.objects.create(
        assessment=assessment,
        input_digest=digest,
        rulesets=rulesets,
        public_url=public_url,
        languages=list(assessment.report_languages),
    )
    assessment.status = AssessmentStatus.QUEUED
    assessment.save(update_fields=["status", "updated_at"])
    transaction.on_commit(lambda: report_enqueue(report_id=report.pk))
    return report, True


ENQUEUE_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def report_enqueue(*, report_id: int) -> bool:
    """Send the build to a worker. A broker outage loses nothing: the report stays pending and
    the sweeper sends it again."""
    from .tasks import build_report

    return _enqueue(build_report, Report, report_id, "report")


def _enqueue(task: Any, model: Any, pk: object, what: str) -> bool:
    """Send ``task(pk)`` to a worker and record when; with the broker down, log it and leave the
    row pending for the sweeper. One immediate retry (a pooled connection that died with a Redis
    restart), no backoff loop: a broker that is down costs the request well under two seconds."""
    try:
        task.apply_async((pk,), retry=True, retry_policy=ENQUEUE_RETRY)
    except Exception:  # noqa: BLE001 - kombu raises many kinds when the broker is down
        logger.warning("Broker unreachable; %s %s stays pending for the sweeper.", what, pk)
        return False
    # A row built already (a worker, or an eager build, was quicker) keeps what it is: an issued
    # version is immutable once done.
    model.objects.filter(pk=pk).exclude(status=ReportStatus.DONE).update(enqueued_at=timezone.now())
    return True


def _beat(report_id: int, attempt: int) -> None:
    """The build holding ``attempt`` is alive: the sweeper gives back a claimed report whose
    worker fell silent (a killed pool child) after ``REPORT_SILENT_DEADLINE``."""
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING, attempts=attempt).update(
        heartbeat_at=timezone.now()
    )


def _claim(report_id: int) -> int | None:
    """Claim a pending report; returns the attempt number, or None when there is nothing to claim
    (a redelivered message, a report built meanwhile).

    The attempt number fences the build: only the holder of the latest claim may finish it, so a
    worker presumed dead by the sweeper that wakes up after all cannot overwrite the report that
    its successor built."""
    with transaction.atomic():
        report = (
            Report.objects.select_for_update()
            .filter(pk=report_id, status=ReportStatus.PENDING)
            .only("pk", "attempts")
            .first()
        )
        if report is None:
            return None
        report.status = ReportStatus.RUNNING
        report.started_at = timezone.now()
        report.attempts += 1
        report.save(update_fields=["status", "started_at", "attempts"])
        return report.attempts


def _holding(report_id: int, attempt: int) -> Any:
    """The report, locked, when ``attempt`` is still the claim that counts; else None."""
    return (
        Report.objects.select_for_update()
        .filter(pk=report_id, status=ReportStatus.RUNNING, attempts=attempt)
        .first()
    )


def report_build(*, report_id: int) -> None:
    attempt = _claim(report_id)
    if attempt is None:
        return
    report = Report.objects.select_related("assessment").get(pk=report_id)
    assessment = report.assessment
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.RUNNING)
    try:
        logs = [CreationLog.model_validate(f.log) for f in assessment.logs.all()]
        intake = _intake_of(assessment)
        _beat(report_id, attempt)
        result = result_build(logs=logs, intake=intake)
        _beat(report_id, attempt)
        title = work_title(assessment)
        # The report's languages are built here, by the worker, and stored (a report queued
        # before it recorded its languages: both).
        # Both languages make one bilingual document, stored as the report's html and pdf.
        languages = report.languages or list(REPORT_LANGUAGES)
        bilingual = len(languages) > 1
        html = html_zh = ""
        pdf = pdf_zh = None
        if bilingual or "en" in languages:
            language = BILINGUAL if bilingual else "en"
            html = render_html(result, language=language, title=title)
            _beat(report_id, attempt)
            pdf = _pdf(result, title=title, base=report.public_url, language=language)
        else:
            html_zh = render_html(result, language="zh", title=title)
            _beat(report_id, attempt)
            pdf_zh = _pdf(result, title=title, base=report.public_url, language="zh")
    except (OperationalError, InterfaceError):
        # Transient: give the report back so the retry (or the sweeper) can claim it again.
        Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING, attempts=attempt).update(
            status=ReportStatus.PENDING
        )
        raise
    except Exception as exc:  # noqa: BLE001 - any other failure is the user's to see
        logger.exception("Report %s failed", report_id)
        report_fail(report_id=report_id, message=_failure_message(exc), attempt=attempt)
        return
    with transaction.atomic():
        current = _holding(report_id, attempt)
        if current is None:
            logger.warning(
                "Report %s attempt %s was superseded; result discarded.", report_id, attempt
            )
            return
        current.result = result.model_dump(mode="json", by_alias=True)
        current.html = html
        current.html_zh = html_zh
        current.bilingual = bilingual
        if pdf is not None:
            current.pdf.save(f"report-{report_id}.pdf", ContentFile(pdf), save=False)
        if pdf_zh is not None:
            current.pdf_zh.save(f"report-{report_id}-zh.pdf", ContentFile(pdf_zh), save=False)
        current.status = ReportStatus.DONE
        current.finished_at = timezone.now()
        current.save()
        Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.DONE)


def _pdf(result: Result, *, title: str | None, base: str, language: str = "en") -> bytes | None:
    """The PDF in ``language``, its links to the library at the public address. Without one (no
    PUBLIC_URL, and a submission that came through no request) it is not stored: the PDF
    endpoint then renders it for the address the reader's request came to."""
    try:
        base = public_base() if not base else (settings.PUBLIC_URL or base)
    except PublicUrlMissing:
        logger.warning("No public address for the PDF's links; it will be rendered on request.")
        return None
    html = render_html(
        result, language=language, title=title, case_url=case_url_template(base), for_pdf=True
    )
    try:
        return render_pdf(html)
    except PdfUnavailable as exc:
        logger.warning("%s", exc)
        return None


def _failure_message(exc: Exception) -> str:
    if isinstance(exc, MissingCitation):
        return "The rules cite a decision that is not published; a curator must publish it."
    if isinstance(exc, ApplicationError):
        return exc.message
    return "The report could not be built. Retry; if it fails again, contact support."


def report_fail(*, report_id: int, message: str, attempt: int | None = None) -> None:
    """Mark the report failed; with ``attempt``, only while that claim still holds it."""
    with transaction.atomic():
        if attempt is None:
            report = Report.objects.select_for_update().get(pk=report_id)
        else:
            report = _holding(report_id, attempt)
            if report is None:
                return
        report.status = ReportStatus.FAILED
        report.error = message
        report.finished_at = timezone.now()
        report.save(update_fields=["status", "error", "finished_at"])
        Assessment.objects.filter(pk=report.assessment_id).update(status=AssessmentStatus.FAILED)


def reports_sweep(
    *, pending_after: timedelta, running_after: timedelta, silent_after: timedelta | None = None
) -> int:
    """Send again what a lost message or a dead worker left behind; returns how many.

    A running report goes back to pending when its worker has been silent for ``silent_after``
    (no heartbeat since its last stage: a killed pool child) or has run past ``running_after``.
    A pending report is sent again only when it was never sent, or last sent longer ago than
    ``pending_after``: a backlog is not multiplied by every tick."""
    now = timezone.now()
    silent = silent_after if silent_after is not None else running_after
    Report.objects.filter(status=ReportStatus.RUNNING).filter(
        Q(started_at__lt=now - running_after)
        | Q(heartbeat_at__lt=now - silent)
        | Q(heartbeat_at__isnull=True, started_at__lt=now - silent)
    ).update(status=ReportStatus.PENDING)
    pending = list(
        Report.objects.filter(status=ReportStatus.PENDING, created_at__lt=now - pending_after)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - pending_after))
        .values_list("pk", flat=True)
    )
    for report_id in pending:
        report_enqueue(report_id=report_id)
    return len(pending)


# --- Issued versions --------------------------------------------------------------------------


class NothingToIssue(ApplicationError, ValueError):
    code = "report_not_ready"
    status = 409


def issuer_name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")() or ""
    return full.strip() or user.get_username()


@transaction.atomic
def report_issue(
    *, assessment: Assessment, user: AbstractBaseUser, public_url: str = ""
) -> tuple[ReportVersion, bool]:
    """Freeze the latest finished report and counsel's review as the next version (v1, v2, …):
    its documents are rendered again, marked as issued by ``user``, by a worker, then hashed.
    The same report with the same review issued already gives back its version."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    report = assessment.reports.filter(status=ReportStatus.DONE).first()
    if report is None:
        raise NothingToIssue(gettext("There is no finished report to issue yet."))
    review = review_of(assessment)
    for version in assessment.versions.filter(report=report).exclude(status=ReportStatus.FAILED):
        if Review.from_json(version.review) == review:
            return version, False
    latest = assessment.versions.values_list("number", flat=True).first() or 0
    version = ReportVersion.objects.create(
        assessment=assessment,
        report=report,
        number=latest + 1,
        issued_by=user,
        issuer_name=issuer_name(user)[:300],
        languages=list(report.languages or REPORT_LANGUAGES),
        bilingual=report.bilingual,
        result=report.result,
        review=review.to_json(),
        public_url=public_url or report.public_url,
    )
    transaction.on_commit(lambda: report_version_enqueue(version_id=version.pk))
    return version, True


def report_version_enqueue(*, version_id: int) -> bool:
    from .tasks import issue_report

    return _enqueue(issue_report, ReportVersion, version_id, "version")


def sign_pdf(pdf: bytes) -> bytes:
    """The step where an issued PDF is signed, before its hash is taken. No signing key is
    configured in this release, so the PDF is kept as rendered."""
    return pdf


def report_version_build(*, version_id: int) -> None:
    """Render an issued version's documents (HTML and PDF in its languages, marked as issued),
    sign the PDFs, hash every document and the JSON, and freeze them."""
    with transaction.atomic():
        version = (
            ReportVersion.objects.select_for_update()
            .filter(pk=version_id, status=ReportStatus.PENDING)
            .select_related("assessment")
            .first()
        )
        if version is None:
            return
        version.status = ReportStatus.RUNNING
        version.attempts += 1
        version.save(update_fields=["status", "attempts"])
    try:
        result = Result.model_validate(version.result)
        review = Review.from_json(version.review)
        title = work_title(version.assessment)
        issued = Issued(number=version.number, by=version.issuer_name, on=version.issued_at.date())
        base = version.public_url or public_base()
        documents: dict[str, bytes] = {}
        for language in [BILINGUAL] if version.bilingual else version.languages:
            suffix = "_zh" if language == "zh" else ""
            html = render_html(
                result, language=language, title=title, on=issued.on, issued=issued, review=review
            )
            pdf_html = render_html(
                result,
                language=language,
                title=title,
                on=issued.on,
                issued=issued,
                review=review,
                case_url=case_url_template(base),
                for_pdf=True,
            )
            setattr(version, f"html{suffix}", html)
            documents[f"html{suffix}"] = html.encode()
            documents[f"pdf{suffix}"] = sign_pdf(render_pdf(pdf_html))
        documents["json"] = json.dumps(
            {"result": version.result, "review": version.review}, sort_keys=True, ensure_ascii=False
        ).encode()
    except (PdfUnavailable, PublicUrlMissing) as exc:
        ReportVersion.objects.filter(pk=version_id).update(
            status=ReportStatus.FAILED, error=str(exc), finished_at=timezone.now()
        )
        return
    for name in ("pdf", "pdf_zh"):
        if name in documents:
            getattr(version, name).save(
                f"assessment-{version.assessment_id}-v{version.number}{name[3:]}.pdf",
                ContentFile(documents[name]),
                save=False,
            )
    version.sha256 = {name: hashlib.sha256(data).hexdigest() for name, data in documents.items()}
    version.status = ReportStatus.DONE
    version.finished_at = timezone.now()
    version.save()


def report_versions_sweep(*, pending_after: timedelta) -> int:
    """Send again an issued version left pending (a lost message, a broker outage), or whose
    render a dead worker left running."""
    now = timezone.now()
    ReportVersion.objects.filter(
        status=ReportStatus.RUNNING, issued_at__lt=now - 10 * pending_after
    ).update(status=ReportStatus.PENDING)
    pending = list(
        ReportVersion.objects.filter(status=ReportStatus.PENDING, issued_at__lt=now - pending_after)
        .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=now - pending_after))
        .values_list("pk", flat=True)
    )
    for version_id in pending:
        report_version_enqueue(version_id=version_id)
    return len(pending)


# --- Counsel's review -------------------------------------------------------------------------


class InvalidReview(ApplicationError, ValueError):
    code = "invalid_review"
    status = 400


# A finding: its factor (F2, a range F2-F5 or a pair F4+F8), then "/" and the rule that made
# it, where a rule did (as the result's findings give them: `factor`, `rule`).
_RE_FACTOR = re.compile(r"^F\d{1,2}([-+]F\d{1,2})?(/[a-z][a-z0-9_]{0,40})?$")
_RE_RECOMMENDATION = re.compile(r"^r-[0-9a-f]{10}$")
MAX_REVIEW_TEXT = 5_000


def review_of(assessment: Assessment) -> Review:
    """The assessment's review as a report prints it."""
    cover = None
    overrides: dict[str, Note] = {}
    annotations: dict[str, Note] = {}
    recommendations: list[tuple[str, Note]] = []
    edits: dict[str, Note] = {}
    for row in assessment.review_notes.all():
        note = Note(
            text=row.text,
            by=row.author_name,
            on=row.updated_at.date().isoformat(),
            verdict=row.verdict or None,
        )
        if row.kind == ReviewNoteKind.COVER:
            cover = note
        elif row.kind == ReviewNoteKind.OVERRIDE:
            overrides[row.jurisdiction] = note
        elif row.kind == ReviewNoteKind.ANNOTATION:
            annotations[f"{row.jurisdiction}:{row.factor}"] = note
        elif row.replaces:
            edits[row.replaces] = note
        else:
            recommendations.append((row.jurisdiction, note))
    return Review(
        cover=cover,
        overrides=overrides,
        annotations=annotations,
        recommendations=recommendations,
        edits=edits,
    )


def _text_of(value: Any, where: str, limit: int = MAX_REVIEW_TEXT) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidReview(gettext("%(where)s: write some text.") % {"where": where})
    if len(value) > limit:
        raise InvalidReview(
            gettext("%(where)s: at most %(limit)s characters.") % {"where": where, "limit": limit}
        )
    return value.strip()


def _jurisdiction_of(value: Any, where: str, *, blank: bool = False) -> str:
    if blank and value in (None, ""):
        return ""
    if value not in JURISDICTIONS:
        raise InvalidReview(
            gettext("%(where)s: the jurisdiction is one of %(codes)s.")
            % {"where": where, "codes": ", ".join(JURISDICTIONS)}
        )
    return str(value)


@transaction.atomic
def review_update(*, assessment: Assessment, user: AbstractBaseUser, data: Any) -> Review:
    """Replace counsel's review (a covering note, overrides with their reasons, notes on
    findings, added recommendations); the engine's conclusions stay in the result beside them.
    A note left unchanged keeps its author and date."""
    if not isinstance(data, dict) or set(data) - {
        "cover",
        "overrides",
        "annotations",
        "recommendations",
    }:
        raise InvalidReview(
            gettext("The review has cover, overrides, annotations and recommendations.")
        )
    wanted: list[dict[str, str]] = []
    if data.get("cover"):
        wanted.append({"kind": "cover", "text": _text_of(data["cover"], "cover", 10_000)})
    overrides = data.get("overrides") or {}
    if not isinstance(overrides, dict):
        raise InvalidReview(gettext("overrides: an object by jurisdiction."))
    for code, item in overrides.items():
        where = f"overrides.{code}"
        if not isinstance(item, dict) or item.get("verdict") not in VERDICTS:
            raise InvalidReview(
                gettext("%(where)s: a verdict (%(verdicts)s) and a reason.")
                % {"where": where, "verdicts": ", ".join(VERDICTS)}
            )
        wanted.append(
            {
                "kind": "override",
                "jurisdiction": _jurisdiction_of(code, where),
                "verdict": item["verdict"],
                "text": _text_of(item.get("reason"), f"{where}.reason"),
            }
        )
    for index, item in enumerate(_list_of(data.get("annotations"), "annotations")):
        where = f"annotations[{index}]"
        factor = item.get("factor")
        if not isinstance(factor, str) or not _RE_FACTOR.match(factor):
            raise InvalidReview(
                gettext(
                    '%(where)s: the finding, by its factor (F1 to F14), and "/" and its rule '
                    "where a rule made it (F2/prompts_only)."
                )
                % {"where": where}
            )
        wanted.append(
            {
                "kind": "annotation",
                "jurisdiction": _jurisdiction_of(item.get("jurisdiction"), where),
                "factor": factor,
                "text": _text_of(item.get("text"), f"{where}.text"),
            }
        )
    for index, item in enumerate(_list_of(data.get("recommendations"), "recommendations")):
        where = f"recommendations[{index}]"
        replaces = item.get("replaces", "")
        if replaces is None:
            replaces = ""
        if not isinstance(replaces, str) or (replaces and not _RE_RECOMMENDATION.match(replaces)):
            raise InvalidReview(
                gettext("%(where)s.replaces: the key of one of the assessment's recommendations.")
                % {"where": where}
            )
        omit = item.get("omit", False)
        if not isinstance(omit, bool) or (omit and not replaces):
            raise InvalidReview(
                gettext("%(where)s.omit: true leaves out the recommendation named by replaces.")
                % {"where": where}
            )
        wanted.append(
            {
                "kind": "recommendation",
                "jurisdiction": ""
                if replaces
                else _jurisdiction_of(item.get("jurisdiction"), where, blank=True),
                "replaces": replaces,
                "text": "" if omit else _text_of(item.get("text"), f"{where}.text"),
            }
        )
    places = [
        (w["kind"], w.get("jurisdiction", ""), w.get("factor", ""), w.get("replaces", ""))
        for w in wanted
    ]
    single = [p for p in places if p[0] != "recommendation" or p[3]]
    if len(single) != len(set(single)):
        raise InvalidReview(
            gettext(
                "One note per finding, one override per jurisdiction and one rewording per "
                "recommendation."
            )
        )
    kept = {
        (n.kind, n.jurisdiction, n.factor, n.verdict, n.replaces, n.text): n
        for n in assessment.review_notes.select_for_update()
    }
    keep_ids = []
    create = []
    for w in wanted:
        key = (
            w["kind"],
            w.get("jurisdiction", ""),
            w.get("factor", ""),
            w.get("verdict", ""),
            w.get("replaces", ""),
            w["text"],
        )
        if key in kept:
            keep_ids.append(kept.pop(key).pk)
        else:
            create.append(w)
    # What changed goes first, so a changed note never meets its old self.
    assessment.review_notes.exclude(pk__in=keep_ids).delete()
    name = issuer_name(user)[:300]
    for w in create:
        ReviewNote.objects.create(assessment=assessment, author=user, author_name=name, **w)
    return review_of(assessment)


def _list_of(value: Any, where: str) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(i, dict) for i in value):
        raise InvalidReview(gettext("%(where)s: a list of objects.") % {"where": where})
    return value

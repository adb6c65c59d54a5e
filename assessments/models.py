"""Assessments and the creation logs attached to them.

Original bytes are content-addressed (``StoredFile``, one row and one file per SHA-256), so the
same file uploaded twice is stored once; ``CreationLogFile`` ties a stored file to an assessment
with the parse result at the time of upload.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Assessment(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="assessments",
        help_text=_("The user who created the assessment and may see it."),
    )
    title = models.CharField(max_length=300, blank=True, help_text=_("Title of the work assessed."))
    intake = models.JSONField(default=dict, blank=True, help_text=_("The intake answers."))
    report_languages = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Languages the report is built in: ["en"], ["zh"] or both; empty until the first '
            "submit, which chooses the submitter's language."
        ),
    )
    intake_progress = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("The intake steps completed and the step to resume at."),
    )
    status = models.CharField(
        max_length=10,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
        help_text=_("Where the assessment is in its lifecycle."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was created."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When it last changed."))

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="assessment_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.title or f"Assessment {self.pk}"


def _stored_path(instance: "StoredFile", filename: str) -> str:
    return f"evidence/{instance.sha256[:2]}/{instance.sha256}"


class StoredFile(models.Model):
    sha256 = models.CharField(
        max_length=64, unique=True, help_text=_("SHA-256 of the original bytes (hex).")
    )
    size = models.PositiveBigIntegerField(help_text=_("Size in bytes."))
    file = models.FileField(upload_to=_stored_path, help_text=_("The original bytes, unchanged."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When first uploaded."))

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="storedfile_sha256_hex"
            )
        ]

    def __str__(self) -> str:
        return self.sha256


class AttachedLogs(models.Manager["CreationLogFile"]):
    """The files an assessment rests on: those not withdrawn. The default manager, so that an
    assessment's ``logs`` (the rules' input, the report, the pages) never include a withdrawn file."""

    def get_queryset(self) -> "models.QuerySet[CreationLogFile]":
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class CreationLogFile(models.Model):
    """One file in an assessment's evidence history. A withdrawn file leaves the assessment (the
    rules no longer read it) but its row stays, with its hash and when and by whom it was
    withdrawn: the history is never silently rewritten. Attaching the same bytes again makes a new
    entry."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="logs",
        help_text=_("The assessment the file is evidence for."),
    )
    stored = models.ForeignKey(
        StoredFile,
        on_delete=models.PROTECT,
        related_name="uses",
        help_text=_("The original bytes."),
    )
    name = models.CharField(max_length=255, help_text=_("File name as uploaded (display only)."))
    source_format = models.CharField(
        max_length=40, blank=True, help_text=_("Format detected by content.")
    )
    log = models.JSONField(help_text=_("The normalized creation log (aigc-creation-log/1)."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was attached."))
    withdrawn_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was withdrawn from the assessment, if it was.")
    )
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who withdrew it."),
    )

    history = models.Manager()
    objects = AttachedLogs()

    class Meta:
        ordering = ["created_at", "id"]
        default_manager_name = "objects"
        base_manager_name = "history"
        constraints = [
            # The same bytes are attached once at a time; a withdrawn entry stays beside a new one.
            models.UniqueConstraint(
                fields=["assessment", "stored"],
                condition=Q(withdrawn_at__isnull=True),
                name="log_file_once_per_assessment",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(withdrawn_at__gte=models.F("created_at")),
                name="log_file_withdrawn_after_attached",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Report(models.Model):
    """One immutable build of an assessment's report, keyed by what went into it."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="reports",
        help_text=_("The assessment the report is for."),
    )
    status = models.CharField(
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
        db_index=True,
        help_text=_("Build state; only pending reports are claimed by a worker."),
    )
    input_digest = models.CharField(
        max_length=64,
        help_text=_("SHA-256 over the logs' hashes, the intake and the ruleset versions."),
    )
    rulesets = models.JSONField(default=dict, help_text=_("Ruleset id per jurisdiction."))
    result = models.JSONField(null=True, blank=True, help_text=_("The result JSON."))
    html = models.TextField(blank=True, help_text=_("The rendered report (HTML)."))
    pdf = models.FileField(upload_to="reports/", blank=True, help_text=_("The rendered PDF."))
    languages = models.JSONField(
        default=list, help_text=_("Languages this report was built in (en, zh).")
    )
    bilingual = models.BooleanField(
        default=False,
        help_text=_(
            "Built in both languages as one bilingual document (in html and pdf: the whole "
            "report in English, then in Chinese)."
        ),
    )
    html_zh = models.TextField(blank=True, help_text=_("The rendered report in Chinese (HTML)."))
    pdf_zh = models.FileField(
        upload_to="reports/", blank=True, help_text=_("The rendered PDF in Chinese.")
    )
    error = models.TextField(
        blank=True, help_text=_("Why the build failed, in words a user can act on.")
    )
    public_url = models.CharField(
        max_length=300,
        blank=True,
        help_text=_(
            "Public address of the site as the submitter reached it; the links of the PDF "
            "point there (PUBLIC_URL, when set, wins)."
        ),
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Builds started."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was requested."))
    started_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When a worker claimed it.")
    )
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was done or failed.")
    )
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When its build was last sent to a worker.")
    )
    heartbeat_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When the worker building it last said it was alive (each stage of a build)."),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_status_valid"
            ),
            # At most one live or finished report per input: resubmitting gives the same one back.
            models.UniqueConstraint(
                fields=["assessment", "input_digest"],
                condition=~Q(status="failed"),
                name="report_once_per_input",
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} of assessment {self.assessment_id} ({self.status})"


class AssessmentShare(models.Model):
    """A colleague the owner shared the assessment with, to read or to edit."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="shares",
        help_text=_("The assessment shared."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="shared_assessments",
        help_text=_("The colleague it is shared with."),
    )
    can_edit = models.BooleanField(
        default=False, help_text=_("Whether the colleague may change it.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was shared."))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="share_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} shared with {self.user_id}"


def _job_upload_path(instance: "LogParseJob", filename: str) -> str:
    return f"parse-jobs/{instance.pk}"


class LogParseJob(models.Model):
    """A file too large to read within a request, read by a worker that reports its progress.

    The uploaded bytes wait under ``parse-jobs/`` until read, then are removed: a file for an
    assessment is stored and attached as any other (content-addressed), a preview keeps only its
    answer.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="parse_jobs",
        help_text=_("Who sent the file."),
    )
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="parse_jobs",
        help_text=_("The assessment the file is attached to once read (none for a preview)."),
    )
    name = models.CharField(max_length=255, help_text=_("File name as uploaded (display only)."))
    size = models.PositiveBigIntegerField(help_text=_("Size in bytes."))
    sha256 = models.CharField(max_length=64, help_text=_("SHA-256 of the bytes (hex)."))
    upload = models.FileField(
        upload_to=_job_upload_path, blank=True, help_text=_("The bytes, until they are read.")
    )
    form = models.CharField(
        max_length=10,
        default="auto",
        help_text=_(
            "A preview's answer: summary (timeline first), full, or auto (the summary of a log "
            "of more than 1,000 steps)."
        ),
    )
    status = models.CharField(
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
        db_index=True,
        help_text=_("Reading state; only pending jobs are claimed by a worker."),
    )
    steps_read = models.PositiveIntegerField(default=0, help_text=_("Steps read so far."))
    steps_total = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Steps expected (an estimate until the end).")
    )
    stage = models.CharField(max_length=20, default="queued", help_text=_("What it is doing."))
    error_code = models.CharField(max_length=40, blank=True, help_text=_("Why it failed (code)."))
    error = models.TextField(blank=True, help_text=_("Why it failed, in words a user can act on."))
    result = models.JSONField(null=True, blank=True, help_text=_("A preview's answer."))
    log_file = models.ForeignKey(
        CreationLogFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The attached log, once read."),
    )
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Reads started."))
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was sent."))
    started_at = models.DateTimeField(null=True, blank=True, help_text=_("When a worker began."))
    finished_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was done or failed.")
    )
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was last sent to a worker.")
    )
    heartbeat_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the worker reading it last reported progress.")
    )

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="parse_job_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"

    @property
    def percent(self) -> int:
        if self.status == ReportStatus.DONE:
            return 100
        if not self.steps_total:
            return 0
        return min(99, self.steps_read * 100 // self.steps_total)


class ReportVersion(models.Model):
    """An issued version of a report: v1, v2, … of an assessment, each frozen once built (the
    documents in its languages, the result JSON and the SHA-256 of each), with who issued it and
    when. Issuing renders the documents again, marked as issued, in the background."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="versions",
        help_text=_("The assessment the version is of."),
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.PROTECT,
        related_name="versions",
        help_text=_("The build it freezes."),
    )
    number = models.PositiveIntegerField(help_text=_("Version number: 1, 2, … per assessment."))
    status = models.CharField(
        max_length=10,
        choices=ReportStatus.choices,
        default=ReportStatus.PENDING,
        db_index=True,
        help_text=_("Rendering state; the documents and hashes exist once done."),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who issued it."),
    )
    issuer_name = models.CharField(
        max_length=300, help_text=_("The issuer's name as the documents print it.")
    )
    issued_at = models.DateTimeField(auto_now_add=True, help_text=_("When it was issued."))
    languages = models.JSONField(default=list, help_text=_("Languages of its documents."))
    bilingual = models.BooleanField(
        default=False,
        help_text=_(
            "Its documents are one bilingual document (html and pdf), English then Chinese."
        ),
    )
    result = models.JSONField(help_text=_("The result JSON, as issued."))
    review = models.JSONField(
        default=dict, help_text=_("Counsel's review as issued: covering note, overrides, notes.")
    )
    html = models.TextField(blank=True, help_text=_("The issued report (HTML)."))
    html_zh = models.TextField(blank=True, help_text=_("The issued report in Chinese (HTML)."))
    pdf = models.FileField(upload_to="issued/", blank=True, help_text=_("The issued PDF."))
    pdf_zh = models.FileField(
        upload_to="issued/", blank=True, help_text=_("The issued PDF in Chinese.")
    )
    sha256 = models.JSONField(
        default=dict, help_text=_("SHA-256 of each document and of the JSON, by name.")
    )
    public_url = models.CharField(
        max_length=300, blank=True, help_text=_("Public address the PDF's links point to.")
    )
    error = models.TextField(blank=True, help_text=_("Why rendering failed."))
    attempts = models.PositiveSmallIntegerField(default=0, help_text=_("Renders started."))
    finished_at = models.DateTimeField(null=True, blank=True, help_text=_("When it was done."))
    enqueued_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When it was last sent to a worker.")
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "number"], name="report_version_number_once"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="report_version_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number} of assessment {self.assessment_id} ({self.status})"


class ReviewNoteKind(models.TextChoices):
    COVER = "cover", _("Covering note")
    OVERRIDE = "override", _("Conclusion overridden")
    ANNOTATION = "annotation", _("Note on a finding")
    RECOMMENDATION = "recommendation", _("Counsel's recommendation")


class ReviewNote(models.Model):
    """Counsel's review of an assessment: a covering note, a jurisdiction's conclusion overridden
    with a reason, a note on a finding (a jurisdiction's factor), an added recommendation. Notes
    belong to the assessment, not to one build: a rerun carries each forward, and a note whose
    finding no longer stands is listed as such."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="review_notes",
        help_text=_("The assessment reviewed."),
    )
    kind = models.CharField(
        max_length=20, choices=ReviewNoteKind.choices, help_text=_("What it is.")
    )
    jurisdiction = models.CharField(
        max_length=2, blank=True, help_text=_("The jurisdiction it is about (blank for a cover).")
    )
    factor = models.CharField(
        max_length=60,
        blank=True,
        help_text=_(
            'The finding, for a note on a finding: its factor, and "/" and its rule where a '
            "rule made it (F2, F2/prompts_only)."
        ),
    )
    verdict = models.CharField(
        max_length=30, blank=True, help_text=_("Counsel's conclusion, for an override.")
    )
    replaces = models.CharField(
        max_length=20,
        blank=True,
        help_text=_(
            "For a recommendation: the assessment's own recommendation it rewords (its key), "
            "or leaves out where the text is empty."
        ),
    )
    text = models.TextField(
        max_length=5000,
        blank=True,
        help_text=_(
            "The note, the reason or the advice (empty only where it leaves a recommendation out)."
        ),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Who wrote it."),
    )
    author_name = models.CharField(max_length=300, help_text=_("Their name as printed."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When it was last written."))

    class Meta:
        ordering = ["kind", "jurisdiction", "factor", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReviewNoteKind.values), name="review_note_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["assessment", "kind", "jurisdiction", "factor"],
                condition=~Q(kind="recommendation"),
                name="review_note_once_per_place",
            ),
            models.UniqueConstraint(
                fields=["assessment", "replaces"],
                condition=~Q(replaces=""),
                name="review_note_one_rewording",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.jurisdiction} {self.factor}".strip()

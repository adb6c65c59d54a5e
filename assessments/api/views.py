from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from pydantic import ValidationError
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from aigc_copyright.api import Pagination, reject_unknown_params
from assessments import selectors as reports_selectors
from assessments import services
from assessments.creation_logs import SUPPORTED_FORMATS, CreationLog, parse
from assessments.models import Assessment, AssessmentStatus, ReportStatus
from assessments.reports.render import PdfUnavailable, recommendations_made
from assessments.rules.result import Result
from cases.links import public_base

ERROR = inline_serializer(
    "CreationLogError",
    fields={
        "error": serializers.CharField(),
        "detail": serializers.CharField(),
        "supported_formats": serializers.ListField(child=serializers.CharField(), required=False),
    },
)
UPLOAD = inline_serializer("Upload", fields={"file": serializers.FileField()})


def _error(code: str, detail: str, http_status: int = 400) -> Response:
    return Response(
        {"error": code, "detail": detail, "supported_formats": list(SUPPORTED_FORMATS)},
        status=http_status,
    )


def read_upload(request: Request) -> tuple[str, bytes] | Response:
    """The uploaded file's name and bytes, or the error response saying what is wrong."""
    upload = request.FILES.get("file")
    if upload is None:
        return _error("file_required", "Send the file as multipart form data in the field 'file'.")
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        return _error(
            "file_too_large",
            f"The file is {upload.size} bytes; the limit is {limit} bytes.",
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        return _error("file_too_large", f"The file is over the limit of {limit} bytes.", 413)
    return upload.name or "upload", data


SUMMARY_ABOVE_STEPS = services.SUMMARY_ABOVE_STEPS
SUMMARY_STEPS = services.SUMMARY_STEPS
log_summary = services.log_summary

JOB = inline_serializer(
    "LogParseJob",
    fields={
        "id": serializers.UUIDField(),
        "name": serializers.CharField(),
        "size": serializers.IntegerField(),
        "sha256": serializers.CharField(),
        "status": serializers.ChoiceField(choices=ReportStatus.choices),
        "stage": serializers.CharField(),
        "progress": serializers.IntegerField(help_text="Percent, 0 to 100."),
        "steps_read": serializers.IntegerField(),
        "steps_total": serializers.IntegerField(allow_null=True),
        "assessment": serializers.IntegerField(allow_null=True),
        "error": serializers.CharField(allow_null=True),
        "detail": serializers.CharField(allow_null=True),
        "log": serializers.DictField(allow_null=True, help_text="The attached log, once read."),
        "result": serializers.DictField(allow_null=True, help_text="A preview's answer."),
        "url": serializers.CharField(),
    },
)
IN_WORKER = (
    f"A JSON log larger than {settings.PARSE_IN_REQUEST_MAX_BYTES:,} bytes "
    "(`PARSE_IN_REQUEST_MAX_BYTES`) is read by a worker: the answer is then 202 with the job "
    "(its `url` and a `Location` header to follow its progress), after the quick checks (size, "
    "encoding, objects, steps) that refuse a file that can never be read with 413 or 422 at once."
)


def job_json(job: Any) -> dict[str, Any]:
    log_file = job.log_file
    return {
        "id": str(job.pk),
        "name": job.name,
        "size": job.size,
        "sha256": job.sha256,
        "status": job.status,
        "stage": job.stage,
        "progress": job.percent,
        "steps_read": job.steps_read,
        "steps_total": job.steps_total,
        "assessment": job.assessment_id,
        "error": job.error_code or None,
        "detail": job.error or None,
        "log": None
        if log_file is None
        else {
            "id": log_file.id,
            "name": log_file.name,
            "source_format": log_file.source_format,
            "url": f"/api/assessments/{job.assessment_id}/",
        },
        "result": job.result,
        "url": f"/api/creation-logs/jobs/{job.pk}/",
    }


def _accepted(job: Any) -> Response:
    body = job_json(job)
    return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class CreationLogParseView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Parse one file into a normalized creation log (stateless preview)",
        description=(
            "A log of more than 1,000 steps is answered in its summary form (the timeline's "
            f"first {SUMMARY_STEPS} steps and the counts, without the raw carriers) unless "
            "`form=full` asks for the whole log; `form=summary` asks for the summary of any log. "
            + IN_WORKER
        ),
        request={"multipart/form-data": UPLOAD},
        parameters=[
            OpenApiParameter("form", str, enum=["full", "summary"], description="Answer form.")
        ],
        responses={
            200: CreationLog,
            202: OpenApiResponse(JOB, description="Read by a worker: follow the job's url."),
            400: OpenApiResponse(ERROR),
            413: OpenApiResponse(ERROR),
            415: OpenApiResponse(ERROR, description="The request is not a multipart upload."),
            422: OpenApiResponse(ERROR, description="A file past a supported maximum."),
        },
    )
    def post(self, request: Request) -> Response:
        form = request.query_params.get("form")
        if form not in (None, "full", "summary"):
            raise exceptions.ValidationError({"form": ["Must be full or summary."]})
        upload = read_upload(request)
        if isinstance(upload, Response):
            return upload
        name, data = upload
        # A file that cannot be read is an application error: the API's one handler answers it.
        if services.parse_in_worker(data=data, name=name):
            return _accepted(
                services.log_parse_job_create(
                    owner=request.user, name=name, data=data, form=form or "auto"
                )
            )
        log = parse(data, name)
        if form == "summary" or (form is None and len(log.steps) > SUMMARY_ABOVE_STEPS):
            return Response(log_summary(log))
        return Response(log.model_dump(mode="json"))


class LogParseJobView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A file being read by a worker: its progress, then its log or its error",
        description=(
            "Visible to whoever sent the file (others get 404). While `status` is pending or "
            "running, `progress` counts the steps read; when done, a preview's `result` is its "
            "answer and an attached file's `log` names the log now on the assessment; when "
            "failed, `error` and `detail` say why, as a refusal in the request would. A "
            "preview's answer is kept for `PARSE_JOB_KEEP_HOURS` (24 by default)."
        ),
        responses={200: JOB, 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, job_id: str) -> Response:
        job = get_object_or_404(
            reports_selectors.parse_jobs_of(request.user).select_related("log_file"), pk=job_id
        )
        return Response(job_json(job))


class CreationLogSchemaView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(summary="JSON Schema of aigc-creation-log/1", responses={200: dict})
    def get(self, request: Request) -> Response:
        schema = CreationLog.model_json_schema()
        schema["$id"] = request.build_absolute_uri()
        schema["title"] = "aigc-creation-log/1"
        return Response(schema)


class AssessmentInput(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError({sorted(unknown)[0]: ["Unknown field."]})
        return attrs


class AssessmentUpdate(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    intake = serializers.DictField(required=False)
    report_languages = serializers.ListField(
        child=serializers.ChoiceField(choices=["en", "zh"]),
        required=False,
        min_length=1,
        max_length=2,
        help_text='Languages the report is built in: ["en"], ["zh"] or ["en", "zh"].',
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = set(self.initial_data) - set(self.fields)
        if unknown:
            raise serializers.ValidationError({sorted(unknown)[0]: ["Unknown field."]})
        return attrs


def _log_row(f: Any) -> dict[str, Any]:
    """A file attached to an assessment, as the API lists it."""
    return {
        "id": f.id,
        "name": f.name,
        "sha256": f.stored.sha256,
        "size": f.stored.size,
        "created_at": f.created_at,
    }


class AssessmentOutput(serializers.ModelSerializer[Assessment]):
    logs = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = Assessment
        fields = [
            "id",
            "title",
            "status",
            "intake",
            "report_languages",
            "created_at",
            "updated_at",
            "logs",
            "report",
        ]

    def get_report(self, assessment: Assessment) -> dict[str, Any] | None:
        return _report_summary(assessment)

    def get_logs(self, assessment: Assessment) -> list[dict[str, Any]]:
        return [_log_row(f) | {"source_format": f.source_format} for f in assessment.logs.all()]


class AssessmentDetailOutput(AssessmentOutput):
    withdrawn_logs = serializers.SerializerMethodField(
        help_text=(
            "Files withdrawn from the assessment: no longer read by the rules, kept in its "
            "evidence history with their hash and when they were withdrawn."
        )
    )
    files_being_read = serializers.SerializerMethodField(
        help_text="Files sent for this assessment that a worker is reading, or could not read."
    )
    law_changed = serializers.SerializerMethodField(
        help_text=(
            "What changed in the law since the latest finished report was built (rulesets at "
            "another version, cited decisions changed in substance); null when nothing did."
        )
    )

    class Meta(AssessmentOutput.Meta):
        fields = [
            *AssessmentOutput.Meta.fields,
            "withdrawn_logs",
            "files_being_read",
            "law_changed",
        ]

    def get_withdrawn_logs(self, assessment: Assessment) -> list[dict[str, Any]]:
        return [
            _log_row(f) | {"withdrawn_at": f.withdrawn_at}
            for f in reports_selectors.withdrawn_logs(assessment)
        ]

    def get_law_changed(self, assessment: Assessment) -> dict[str, Any] | None:
        report = assessment.reports.filter(status="done").first()
        return reports_selectors.report_law_changes(report) if report else None

    def get_files_being_read(self, assessment: Assessment) -> list[dict[str, Any]]:
        return [
            {
                "id": str(job.pk),
                "name": job.name,
                "status": job.status,
                "progress": job.percent,
                "error": job.error_code or None,
                "detail": job.error or None,
            }
            for job in reports_selectors.parse_jobs_live(assessment=assessment)
        ]


def visible(request: Request, pk: int) -> Assessment:
    return get_object_or_404(reports_selectors.assessments_visible(request.user), pk=pk)


def editable(request: Request, pk: int) -> Assessment:
    assessment = visible(request, pk)
    if not reports_selectors.assessments_editable(request.user).filter(pk=pk).exists():
        raise exceptions.PermissionDenied("This assessment is shared with you to read only.")
    return assessment


def owned_assessments(request: Request) -> QuerySet[Assessment]:
    # Another user's assessment answers 404, exactly like one that does not exist.
    return reports_selectors.assessments_visible(request.user)


class AssessmentListView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Your assessments and those shared with you (paginated; filter by status)",
        operation_id="assessments_list",
        parameters=[
            OpenApiParameter("status", str, enum=[c for c, _ in AssessmentStatus.choices]),
            OpenApiParameter("page", int, description="Page number, from 1."),
            OpenApiParameter("page_size", int, description="Assessments per page, 1 to 100."),
        ],
        responses={
            200: inline_serializer(
                "PaginatedAssessmentList",
                fields={
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "results": AssessmentOutput(many=True),
                },
            ),
            400: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
        },
    )
    def get(self, request: Request) -> Response:
        reject_unknown_params(request, {"status", "page", "page_size"})
        items = owned_assessments(request)
        wanted = request.query_params.get("status")
        if wanted is not None:
            if wanted not in AssessmentStatus.values:
                raise exceptions.ValidationError(
                    {"status": [f"Must be one of {', '.join(AssessmentStatus.values)}."]}
                )
            items = items.filter(status=wanted)
        paginator = Pagination()
        page = paginator.paginate_queryset(items.order_by("-created_at", "-id"), request, view=self)
        return paginator.get_paginated_response(AssessmentOutput(page, many=True).data)

    @extend_schema(
        summary="Create an assessment",
        request=AssessmentInput,
        responses={201: AssessmentOutput, 400: OpenApiResponse(ERROR)},
    )
    def post(self, request: Request) -> Response:
        payload = AssessmentInput(data=request.data)
        payload.is_valid(raise_exception=True)
        assessment = services.assessment_create(owner=request.user, **payload.validated_data)
        return Response(AssessmentOutput(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentDetailView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="One of your assessments",
        responses={200: AssessmentDetailOutput, 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = visible(request, pk)
        return Response(AssessmentDetailOutput(assessment).data)

    @extend_schema(
        summary="Change the title or the intake",
        request=AssessmentUpdate,
        responses={200: AssessmentOutput, 400: OpenApiResponse(ERROR), 404: OpenApiResponse(ERROR)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        assessment = editable(request, pk)
        payload = AssessmentUpdate(data=request.data)
        payload.is_valid(raise_exception=True)
        if "intake" in payload.validated_data:
            try:
                services.assessment_intake_update(
                    assessment=assessment, intake=payload.validated_data["intake"]
                )
            except ValidationError as exc:
                return Response(
                    {"error": "invalid_intake", "detail": _pydantic_detail(exc)}, status=400
                )
        if "title" in payload.validated_data:
            assessment.title = payload.validated_data["title"]
            assessment.save(update_fields=["title", "updated_at"])
        if "report_languages" in payload.validated_data:
            services.assessment_languages_update(
                assessment=assessment, languages=payload.validated_data["report_languages"]
            )
        return Response(AssessmentOutput(assessment).data)


class AssessmentLogsView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary="Attach a creation log (original bytes and SHA-256 kept; the same bytes once)",
        request={"multipart/form-data": UPLOAD},
        responses={
            202: OpenApiResponse(JOB, description="Read by a worker: follow the job's url."),
            201: inline_serializer(
                "AttachedLog",
                fields={
                    "id": serializers.IntegerField(),
                    "name": serializers.CharField(),
                    "sha256": serializers.CharField(),
                    "size": serializers.IntegerField(),
                    "source_format": serializers.CharField(),
                    "created": serializers.BooleanField(),
                    "log": serializers.DictField(),
                },
            ),
            400: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
            413: OpenApiResponse(ERROR),
            415: OpenApiResponse(ERROR, description="The request is not a multipart upload."),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = editable(request, pk)
        upload = read_upload(request)
        if isinstance(upload, Response):
            return upload
        name, data = upload
        if services.parse_in_worker(data=data, name=name) and not services.is_attached(
            assessment=assessment, data=data
        ):
            return _accepted(
                services.log_parse_job_create(
                    owner=request.user, name=name, data=data, assessment=assessment
                )
            )
        attached = services.creation_log_attach(assessment=assessment, name=name, data=data)
        log_file = attached.log_file
        return Response(
            {
                "id": log_file.id,
                "name": log_file.name,
                "sha256": log_file.stored.sha256,
                "size": log_file.stored.size,
                "source_format": log_file.source_format,
                "created": attached.created,
                "log": log_file.log,
            },
            status=status.HTTP_201_CREATED if attached.created else status.HTTP_200_OK,
        )


class AssessmentLogView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary=(
            "Withdraw a file from the assessment (it stays in the evidence history with its "
            "hash; a final work it was is no longer named)"
        ),
        request=None,
        responses={204: None, 403: OpenApiResponse(ERROR), 404: OpenApiResponse(ERROR)},
    )
    def delete(self, request: Request, pk: int, log_id: int) -> Response:
        assessment = editable(request, pk)
        services.creation_log_withdraw(assessment=assessment, log_id=log_id, user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


def _report_summary(assessment: Assessment) -> dict[str, Any] | None:
    report = assessment.reports.first()
    if report is None:
        return None
    return {
        "id": report.id,
        "status": report.status,
        "error": report.error or None,
        "created_at": report.created_at,
        "finished_at": report.finished_at,
        "rulesets": report.rulesets,
        "languages": report.languages,
        "bilingual": report.bilingual,
        "pdf": bool(report.pdf or report.pdf_zh),
    }


class AssessmentSubmitView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Submit for a report (202 queued; 200 when an unchanged submission has one already)",
        request=None,
        responses={202: dict, 200: dict, 400: OpenApiResponse(ERROR), 404: OpenApiResponse(ERROR)},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = editable(request, pk)
        try:
            report, created = services.assessment_submit(
                assessment=assessment,
                public_url=public_base(request),
                language=getattr(request, "LANGUAGE_CODE", None),
            )
        except ValidationError as exc:
            return Response(
                {"error": "invalid_intake", "detail": _pydantic_detail(exc)}, status=400
            )
        body = {
            "report": report.id,
            "status": report.status,
            "created": created,
            "status_url": request.build_absolute_uri(f"/api/assessments/{assessment.pk}/"),
            "report_url": request.build_absolute_uri(f"/api/assessments/{assessment.pk}/report/"),
        }
        return Response(body, status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK)


def _pydantic_detail(exc: ValidationError) -> str:
    first = exc.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc']) or 'intake'}: {first['msg']}"


def _not_ready(request: Request, pk: int) -> Response:
    """No finished report to show: 404 when the assessment is not the user's to see, else 409."""
    state = reports_selectors.report_state(user=request.user, pk=pk)
    if state is None:
        raise Http404
    if reports_selectors.reads_issued_only(user=request.user, pk=pk):
        return Response(
            {
                "error": "report_not_issued",
                "detail": "No version of this report has been issued yet; drafts are shown to "
                "the owner and the colleagues who may edit it.",
            },
            status=409,
        )
    return Response(
        {"error": "report_not_ready", "detail": f"No finished report yet ({state})."}, status=409
    )


class AssessmentReportView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The latest report's result JSON",
        responses={200: dict, 404: OpenApiResponse(ERROR), 409: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int) -> Any:
        text = reports_selectors.report_result_text(user=request.user, pk=pk)
        if text is None:
            return _not_ready(request, pk)
        return HttpResponse(text, content_type="application/json")


class AssessmentReportPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The latest report as PDF (?lang=zh-hans for Chinese)",
        responses={
            (200, "application/pdf"): bytes,
            404: OpenApiResponse(ERROR),
            409: OpenApiResponse(ERROR),
            503: OpenApiResponse(ERROR),
        },
    )
    def get(self, request: Request, pk: int) -> Any:
        language = request.query_params.get("lang", "en")
        if reports_selectors.reads_issued_only(user=request.user, pk=pk):
            version = reports_selectors.versions_visible(user=request.user, pk=pk).first()
            if version is None:
                return _not_ready(request, pk)
            return _version_pdf(version, language)
        report = reports_selectors.report_latest_done(user=request.user, pk=pk)
        if report is None:
            return _not_ready(request, pk)
        try:
            data = reports_selectors.report_pdf(
                report=report, language=language, public_url=public_base(request)
            )
        except PdfUnavailable as exc:
            return Response({"error": "pdf_unavailable", "detail": str(exc)}, status=503)
        response = HttpResponse(data, content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="assessment-{pk}-report-{report.pk}.pdf"'
        )
        return response


def _version_json(version: Any) -> dict[str, Any]:
    base = f"/api/assessments/{version.assessment_id}/report/versions/{version.number}"
    return {
        "number": version.number,
        "status": version.status,
        "issued_by": version.issuer_name,
        "issued_at": version.issued_at,
        "languages": version.languages,
        "bilingual": version.bilingual,
        "sha256": version.sha256,
        "error": version.error or None,
        "url": f"{base}/",
        "pdf_url": f"{base}.pdf" if version.status == "done" else None,
        "law_changed": reports_selectors.version_law_changes(version),
    }


def _version_pdf(version: Any, language: str) -> HttpResponse:
    chinese = language.lower().startswith("zh")
    stored = reports_selectors.stored_document(version, "pdf", language)
    if not stored:
        other = "en" if chinese else "zh-hans"
        return Response(
            {
                "error": "language_not_issued",
                "detail": f"This version was not issued in that language; try ?lang={other}.",
            },
            status=404,
        )
    with stored.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-{version.assessment_id}-v{version.number}.pdf"'
    )
    return response


class VersionOutput(serializers.Serializer[Any]):
    number = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ReportStatus.choices)
    issued_by = serializers.CharField()
    issued_at = serializers.DateTimeField()
    languages = serializers.ListField(child=serializers.CharField())
    bilingual = serializers.BooleanField(
        help_text="One bilingual document (English, then Chinese) in html and pdf."
    )
    sha256 = serializers.DictField(child=serializers.CharField())
    error = serializers.CharField(allow_null=True)
    url = serializers.CharField()
    pdf_url = serializers.CharField(allow_null=True)
    law_changed = serializers.DictField(allow_null=True)


VERSION = VersionOutput


class AssessmentReportIssueView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Issue the latest finished report as the next version (v1, v2, …)",
        description=(
            "The owner or a colleague who may edit freezes the latest finished report: a worker "
            "renders its documents marked as issued (who and when), and stores them with the "
            "SHA-256 of each document and of the JSON. 202 with the version while it renders "
            "(follow its `url`); 200 with the version already issued from that report."
        ),
        request=None,
        responses={
            202: VERSION,
            200: VERSION,
            403: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
            409: OpenApiResponse(ERROR),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = editable(request, pk)
        version, created = services.report_issue(
            assessment=assessment, user=request.user, public_url=public_base(request)
        )
        return Response(
            _version_json(version),
            status=status.HTTP_202_ACCEPTED if created else status.HTTP_200_OK,
        )


class AssessmentReportVersionsView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="The issued versions, newest first (a read-only colleague sees finished ones)",
        responses={200: VERSION(many=True), 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int) -> Response:
        visible(request, pk)
        versions = reports_selectors.versions_visible(user=request.user, pk=pk)
        return Response([_version_json(v) for v in versions])


class AssessmentReportVersionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="One issued version: its state, hashes and result JSON",
        responses={200: dict, 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int, number: int) -> Response:
        version = get_object_or_404(
            reports_selectors.versions_visible(user=request.user, pk=pk), number=number
        )
        return Response(_version_json(version) | {"result": version.result})


class AssessmentReportVersionPdfView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="One issued version's PDF (?lang=zh-hans for Chinese)",
        responses={(200, "application/pdf"): bytes, 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int, number: int) -> Any:
        version = get_object_or_404(
            reports_selectors.versions_visible(user=request.user, pk=pk).filter(status="done"),
            number=number,
        )
        return _version_pdf(version, request.query_params.get("lang", "en"))


def _review_json(assessment: Assessment) -> dict[str, Any]:
    review = services.review_of(assessment)
    latest = assessment.reports.filter(status="done").first()
    result = Result.model_validate(latest.result) if latest else None
    body = review.to_json()
    body["stale"] = [key for key, _ in review.stale(result)] if result else []
    if result is not None:
        gone = review.no_longer_apply(result)
        body["carried"] = review.carried(result)
        body["no_longer_apply"] = {kind: [key for key, _ in notes] for kind, notes in gone.items()}
        body["made"] = recommendations_made(result)
    return body


class AssessmentReviewView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Counsel's review: covering note, overrides, notes on findings, recommendations",
        description=(
            "Each note carries who wrote it and when; `stale` lists the notes on findings that "
            "the latest report no longer has (a rerun changed them), `no_longer_apply` every note "
            "left without its object (findings, jurisdictions, recommendations) and `carried` how "
            "many of each still stand. `made` lists the assessment's own recommendations with "
            'their `key`: a recommendation `{"replaces": key, "text": …}` rewords one, '
            '`{"replaces": key, "omit": true}` leaves it out. The engine\'s conclusions '
            "stay in the report's result; an override is printed beside the one it replaces."
        ),
        responses={200: dict, 404: OpenApiResponse(ERROR)},
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(_review_json(visible(request, pk)))

    @extend_schema(
        summary="Replace counsel's review (the owner or an editor)",
        request=inline_serializer(
            "ReviewInput",
            fields={
                "cover": serializers.CharField(required=False, allow_null=True),
                "overrides": serializers.DictField(required=False),
                "annotations": serializers.ListField(child=serializers.DictField(), required=False),
                "recommendations": serializers.ListField(
                    child=serializers.DictField(), required=False
                ),
            },
        ),
        responses={
            200: dict,
            400: OpenApiResponse(ERROR),
            403: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        assessment = editable(request, pk)
        services.review_update(assessment=assessment, user=request.user, data=request.data)
        return Response(_review_json(assessment))


class AssessmentReportDiffView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="What changed in the latest report against the last issued version",
        description=(
            "Against the last issued version, or the finished report before it where none was "
            "issued: per jurisdiction the verdict, score and confidence that changed and the "
            "decisions cited that were added or removed, and the infringement risk. 409 "
            "`nothing_to_compare` with a single report. The owner and editors only."
        ),
        responses={
            200: dict,
            403: OpenApiResponse(ERROR),
            404: OpenApiResponse(ERROR),
            409: OpenApiResponse(ERROR),
        },
    )
    def get(self, request: Request, pk: int) -> Response:
        editable(request, pk)
        diff = reports_selectors.report_diff(user=request.user, pk=pk)
        if diff is None:
            return Response(
                {"error": "nothing_to_compare", "detail": "There is one report only."}, status=409
            )
        return Response(diff)

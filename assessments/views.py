"""Pages: drop files and see, for each, the detected tool, the timeline and the warnings."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .creation_logs import SUPPORTED_FORMATS, CreationLog, CreationLogError, parse

MAX_FILES_PER_UPLOAD = 50


@dataclass
class FileResult:
    name: str
    log: CreationLog | None = None
    error: str | None = None
    code: str | None = None


@login_required
@require_http_methods(["GET", "POST"])
def log_preview(request: HttpRequest) -> HttpResponse:
    results: list[FileResult] = []
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            results.append(
                FileResult(name="—", error=_("Choose at least one file."), code="file_required")
            )
        for upload in files[:MAX_FILES_PER_UPLOAD]:
            name = upload.name or "upload"
            if upload.size and upload.size > settings.MAX_UPLOAD_BYTES:
                results.append(
                    FileResult(
                        name=name,
                        error=_("The file is larger than the limit of %(limit)s bytes.")
                        % {"limit": settings.MAX_UPLOAD_BYTES},
                        code="file_too_large",
                    )
                )
                continue
            try:
                results.append(FileResult(name=name, log=parse(upload.read(), name)))
            except CreationLogError as exc:
                results.append(FileResult(name=name, error=exc.message, code=exc.code))
        if len(files) > MAX_FILES_PER_UPLOAD:
            results.append(
                FileResult(
                    name="…",
                    error=_("Only the first %(n)s files were read.") % {"n": MAX_FILES_PER_UPLOAD},
                    code="too_many_files",
                )
            )
    status = 400 if results and all(r.error for r in results) else 200
    return render(
        request,
        "assessments/log_preview.html",
        {"results": results, "supported_formats": SUPPORTED_FORMATS},
        status=status,
    )

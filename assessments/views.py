"""Pages: drop files and see, for each, the detected tool, the timeline and the warnings."""

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from pydantic import ValidationError

from aigc_copyright.errors import ApplicationError
from cases.links import public_base

from . import selectors, services
from .creation_logs import CreationLog, parse
from .forms import STEP_SLUGS, STEPS, AssessmentCreateForm, IntakeForm, step_form
from .labels import SUPPORTED_FORMAT_LABELS
from .models import Assessment, LogParseJob, ReportVersion
from .reports.render import (
    BILINGUAL,
    JURISDICTION_NAMES,
    LABELS,
    Review,
    recommendations_made,
    render_html,
)
from .rules.result import VERDICTS, Finding, Result
from .rules.ruleset import measures

MAX_FILES_PER_UPLOAD = 50
# What one request may parse in all (graph nodes plus steps over its files): past it, the files
# left are listed as not read (send them on their own), so a request stays within seconds.
MAX_PARSE_UNITS_PER_REQUEST = 100_000
# Signed out, /logs/ reads less per request: a few files, a tenth of the parsing.
ANONYMOUS_FILES_PER_UPLOAD = 5
ANONYMOUS_PARSE_UNITS = MAX_PARSE_UNITS_PER_REQUEST // 10


class ParseBudget:
    """The parsing one request may do; each file's log spends its graph nodes and steps."""

    def __init__(self, units: int | None = None) -> None:
        self.left = MAX_PARSE_UNITS_PER_REQUEST if units is None else units

    def refused(self, name: str) -> "FileResult | None":
        if self.left > 0:
            return None
        message = _(
            "Not read: the files before it in this request were as much as one request may "
            "parse. Send this file on its own."
        )
        return FileResult(name=name, error=str(message), code="request_budget")

    def spend(self, log: CreationLog) -> None:
        self.left -= len(log.steps) + (log.graph.nodes if log.graph else 0)


@dataclass
class FileResult:
    name: str
    log: CreationLog | None = None
    error: str | None = None
    code: str | None = None
    job: LogParseJob | None = None


def _too_large(upload: UploadedFile, name: str) -> FileResult | None:
    if upload.size and upload.size > settings.MAX_UPLOAD_BYTES:
        message = _("The file is larger than the limit of %(limit)s bytes.")
        return FileResult(
            name=name, error=message % {"limit": settings.MAX_UPLOAD_BYTES}, code="file_too_large"
        )
    return None


@require_http_methods(["GET", "POST"])
def log_preview(request: HttpRequest) -> HttpResponse:
    """Read files on the spot and show what each holds; open to everyone (nothing is stored).
    Signed in, the same files can start an assessment, which keeps them as its evidence."""
    results: list[FileResult] = []
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        files = request.FILES.getlist("files")
        if not files:
            results.append(
                FileResult(name="—", error=_("Choose at least one file."), code="file_required")
            )
        elif request.POST.get("action") == "assess":
            if not signed_in:
                return redirect_to_login(request.get_full_path())
            return _assess_files(request, files)
        budget = ParseBudget(None if signed_in else ANONYMOUS_PARSE_UNITS)
        most = MAX_FILES_PER_UPLOAD if signed_in else ANONYMOUS_FILES_PER_UPLOAD
        for upload in files[:most]:
            name = upload.name or "upload"
            if too_large := _too_large(upload, name) or budget.refused(name):
                results.append(too_large)
                continue
            try:
                data = upload.read()
                in_worker = services.parse_in_worker(data=data, name=name)
                if in_worker and not signed_in:
                    results.append(
                        FileResult(
                            name=name,
                            error=_(
                                "This file is large: it is read in the background, for signed-in "
                                "users. Sign in to read it."
                            ),
                            code="sign_in_to_read",
                        )
                    )
                    continue
                if in_worker:
                    job = services.log_parse_job_create(
                        owner=request.user, name=name, data=data, form="summary"
                    )
                    results.append(FileResult(name=name, job=job))
                    continue
                log = parse(data, name)
            except ApplicationError as exc:
                results.append(FileResult(name=name, error=exc.message, code=exc.code))
            else:
                budget.spend(log)
                results.append(FileResult(name=name, log=log))
        if len(files) > most:
            results.append(
                FileResult(
                    name="…",
                    error=_("Only the first %(n)s files were read.") % {"n": most},
                    code="too_many_files",
                )
            )
    status = 400 if results and all(r.error for r in results) else 200
    return render(
        request,
        "assessments/log_preview.html",
        {"results": results, "supported_formats": SUPPORTED_FORMAT_LABELS, "signed_in": signed_in},
        status=status,
    )


def _assess_files(request: HttpRequest, files: list[UploadedFile]) -> HttpResponse:
    """A new assessment with these files attached (a large file read by a worker), titled after
    the first; then its page."""
    first = (files[0].name or "").rsplit(".", 1)[0][:300]
    assessment = services.assessment_create(owner=request.user, title=first)
    budget = ParseBudget()
    said = _(": ")
    for upload in files[:MAX_FILES_PER_UPLOAD]:
        name = upload.name or "upload"
        if refused := _too_large(upload, name) or budget.refused(name):
            messages.warning(request, f"{name}{said}{refused.error}")
            continue
        data = upload.read()
        try:
            if services.parse_in_worker(data=data, name=name):
                services.log_parse_job_create(
                    owner=request.user, name=name, data=data, assessment=assessment
                )
            else:
                budget.spend(
                    services.creation_log_attach(assessment=assessment, name=name, data=data).log
                )
        except ApplicationError as exc:
            # Said on the assessment's page: the file is not attached, and why.
            messages.warning(request, f"{name}{said}{exc.message}")
    if len(files) > MAX_FILES_PER_UPLOAD:
        messages.warning(
            request, _("Only the first %(n)s files were read.") % {"n": MAX_FILES_PER_UPLOAD}
        )
    return redirect("assessments:detail", pk=assessment.pk)


@login_required
@require_GET
def log_job(request: HttpRequest, job_id: str) -> HttpResponse:
    """A file read in the background: its progress, then what it holds (a preview's summary)."""
    job = get_object_or_404(selectors.parse_jobs_of(request.user), pk=job_id)
    log = None
    step_count = 0
    if job.status == "done" and job.result is not None:
        body = dict(job.result)
        step_count = body.pop("step_count", len(body.get("steps", [])))
        for key in ("form", "carrier_count", "full_form"):
            body.pop(key, None)
        log = CreationLog.model_validate(body)
    context = {
        "job": job,
        "log": log,
        "step_count": step_count,
        "live": job.status in ("pending", "running"),
    }
    return render(request, "assessments/log_job.html", context)


# --- Assessments ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assessment_list(request: HttpRequest) -> HttpResponse:
    form = AssessmentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assessment = services.assessment_create(
            owner=request.user, title=form.cleaned_data["title"]
        )
        return redirect("assessments:detail", pk=assessment.pk)
    items = list(selectors.assessments_of(request.user))
    # Which issued reports rest on law that has changed since (the latest version of each).
    latest = {}
    for version in selectors.with_law_inputs(
        ReportVersion.objects.filter(assessment__in=[a.pk for a in items], status="done")
    ):
        if (
            version.assessment_id not in latest
            or version.number > latest[version.assessment_id].number
        ):
            latest[version.assessment_id] = version
    for item in items:
        version = latest.get(item.pk)
        item.affected_version = (  # type: ignore[attr-defined]
            version.number if version and selectors.version_law_changes(version) else None
        )
    return render(request, "assessments/assessment_list.html", {"form": form, "assessments": items})


def _owned(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(selectors.assessments_of(request.user), pk=pk)


def _upload(request: HttpRequest, assessment: Assessment) -> list[FileResult]:
    """Attach the files posted (large ones are read by a worker and attached once read)."""
    uploads: list[FileResult] = []
    budget = ParseBudget()
    for upload in request.FILES.getlist("files")[:MAX_FILES_PER_UPLOAD]:
        name = upload.name or "upload"
        if too_large := _too_large(upload, name) or budget.refused(name):
            uploads.append(too_large)
            continue
        try:
            data = upload.read()
            if services.parse_in_worker(data=data, name=name) and not services.is_attached(
                assessment=assessment, data=data
            ):
                services.log_parse_job_create(
                    owner=request.user, name=name, data=data, assessment=assessment
                )
                uploads.append(FileResult(name=name, code="being_read"))
                continue
            attached = services.creation_log_attach(assessment=assessment, name=name, data=data)
        except ApplicationError as exc:
            uploads.append(FileResult(name=name, error=exc.message, code=exc.code))
        else:
            budget.spend(attached.log)
            uploads.append(
                FileResult(
                    name=name,
                    log=attached.log,
                    code=None if attached.created else "already_attached",
                )
            )
    if not request.FILES.getlist("files"):
        uploads.append(
            FileResult(name="—", error=_("Choose at least one file."), code="file_required")
        )
    return uploads


def _withdraw(request: HttpRequest, assessment: Assessment) -> str:
    """Withdraw the file posted; the message says what became of it."""
    try:
        log_id = int(request.POST.get("log", ""))
    except ValueError:
        log_id = 0
    withdrawn = services.creation_log_withdraw(
        assessment=assessment, log_id=log_id, user=request.user
    )
    message = _(
        "%(name)s was withdrawn: the report no longer rests on it, and it stays in the evidence "
        "history with its hash."
    ) % {"name": withdrawn.log_file.name}
    if withdrawn.was_final:
        message += " " + _("It was named as the final work: name another.")
    return str(message)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _owned(request, pk)
    can_edit = selectors.assessments_editable(request.user).filter(pk=pk).exists()
    is_owner = assessment.owner_id == request.user.pk
    if request.method == "POST" and not can_edit:
        raise PermissionDenied("This assessment is shared with you to read only.")
    uploads: list[FileResult] = []
    intake_form = IntakeForm(initial=_initial(assessment))
    message = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            uploads = _upload(request, assessment)
        elif action == "withdraw":
            try:
                message = _withdraw(request, assessment)
            except ApplicationError as exc:
                message, status = exc.message, exc.status
        elif action == "intake":
            intake_form = IntakeForm(request.POST)
            if intake_form.is_valid():
                try:
                    services.assessment_intake_update(
                        assessment=assessment, intake=intake_form.intake()
                    )
                except ValidationError as exc:
                    intake_form.add_error(None, str(exc.errors()[0]["msg"]))
                else:
                    message = _("The answers were saved.")
            if intake_form.errors:
                status = 400
        elif action in ("share", "unshare") and is_owner:
            username = request.POST.get("username", "").strip()
            try:
                if action == "share":
                    services.assessment_share(
                        assessment=assessment,
                        username=username,
                        can_edit=request.POST.get("permission") == "edit",
                    )
                    message = _("Shared with %(user)s.") % {"user": username}
                else:
                    services.assessment_unshare(assessment=assessment, username=username)
                    message = _("No longer shared with %(user)s.") % {"user": username}
            except ApplicationError as exc:
                message, status = exc.message, exc.status
        elif action == "issue":
            try:
                version, _created = services.report_issue(
                    assessment=assessment, user=request.user, public_url=public_base(request)
                )
            except ApplicationError as exc:
                message, status = exc.message, exc.status
            else:
                return redirect("assessments:detail", pk=assessment.pk)
        elif action == "submit":
            try:
                chosen = request.POST.get("report_languages")
                if chosen:
                    services.assessment_languages_update(
                        assessment=assessment,
                        languages=["en", "zh"] if chosen == "both" else [chosen],
                    )
                services.assessment_submit(
                    assessment=assessment,
                    public_url=public_base(request),
                    language=get_language(),
                )
            except ApplicationError as exc:
                # Nothing to assess, or the library changed under the rules (a decision cited is
                # gone or now pending): said plainly, the form kept.
                message, status = exc.message, exc.status
            else:
                return redirect("assessments:detail", pk=assessment.pk)
        assessment = _owned(request, pk)
    report = assessment.reports.first()
    done = assessment.reports.filter(status="done").first()
    jobs = list(selectors.parse_jobs_live(assessment=assessment))
    versions = list(selectors.versions_visible(user=request.user, pk=pk))
    for version in versions:
        version.law_changed = selectors.version_law_changes(version)  # type: ignore[attr-defined]
    diff = selectors.report_diff(user=request.user, pk=pk) if can_edit and done else None
    review = services.review_of(assessment)
    carried = gone = None
    if can_edit and done and review != Review():
        # What of counsel's review this report carries, and what no longer applies to it.
        built = Result.model_validate(done.result)
        counts = review.carried(built)
        carried = counts if any(counts.values()) else None
        gone = sum(len(notes) for notes in review.no_longer_apply(built).values())
    context = {
        "carried": carried,
        "gone": gone,
        "diff": diff if diff and diff["changed"] else None,
        "diff_rows": _diff_rows(diff) if diff and diff["changed"] else [],
        "law_changed": selectors.report_law_changes(done) if done else None,
        "versions": versions,
        "versions_live": any(v.status in ("pending", "running") for v in versions),
        "issued_done": bool(done)
        and any(v.report_id == done.pk and Review.from_json(v.review) == review for v in versions),
        "jobs": jobs,
        "jobs_live": any(job.status in ("pending", "running") for job in jobs),
        "assessment": assessment,
        "can_edit": can_edit,
        "is_owner": is_owner,
        "shares": assessment.shares.select_related("user") if is_owner else [],
        "uploads": uploads,
        "withdrawn": selectors.withdrawn_logs(assessment),
        "intake_form": intake_form,
        "message": message,
        "report": report,
        "done": done,
        "in_progress": report is not None and report.status in ("pending", "running"),
        "stale": done is not None and report is not None and assessment.status == "draft",
        # The languages the next report is built in: those chosen, else the reader's.
        "report_languages": (
            "both"
            if len(assessment.report_languages or []) == 2
            else (assessment.report_languages or [services.language_of(get_language())])[0]
        ),
    }
    return render(request, "assessments/assessment_detail.html", context, status=status)


def _diff_rows(diff: dict[str, Any]) -> list[dict[str, Any]]:
    """The changes of a report diff in the reader's words (jurisdictions by name, verdicts and
    confidence as the report words them)."""
    lang = "zh" if (get_language() or "").lower().startswith("zh") else "en"
    words, names = LABELS[lang], JURISDICTION_NAMES[lang]
    rows = []
    for j in diff["jurisdictions"]:
        parts = []
        if "verdict" in j:
            before, after = (words[f"{j['verdict'][k]}_v"] for k in ("before", "after"))
            parts.append(_("verdict %(before)s → %(after)s") % {"before": before, "after": after})
        if "score" in j:
            parts.append(_("score %(before)s → %(after)s") % j["score"])
        if "ruleset" in j:
            parts.append(_("assessed under updated rules (%(before)s → %(after)s)") % j["ruleset"])
        if "confidence" in j:
            before, after = (words[j["confidence"][k]] for k in ("before", "after"))
            parts.append(
                _("confidence %(before)s → %(after)s") % {"before": before, "after": after}
            )
        if j.get("authorities_added"):
            parts.append(_("decisions now cited: %(n)s") % {"n": len(j["authorities_added"])})
        if j.get("authorities_removed"):
            parts.append(
                _("decisions no longer cited: %(n)s") % {"n": len(j["authorities_removed"])}
            )
        if "assessed" in j:
            parts.append(_("now assessed") if j["assessed"]["after"] else _("no longer assessed"))
        rows.append({"name": names.get(j["jurisdiction"], j["jurisdiction"]), "parts": parts})
    if diff.get("infringement"):
        before, after = (words[f"risk_{diff['infringement'][k]}"] for k in ("before", "after"))
        rows.append({"name": _("Infringement risk"), "parts": [f"{before} → {after}"]})
    return rows


@login_required
@require_GET
def assessment_report(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _owned(request, pk)
    if selectors.reads_issued_only(user=request.user, pk=pk):
        # A read-only colleague reads the latest issued version, never a draft.
        version = selectors.versions_visible(user=request.user, pk=pk).first()
        html = selectors.stored_document(version, "html", get_language() or "en") if version else ""
        html = html or ((version.html or version.html_zh) if version else "")
        if not html:
            raise Http404("No issued version yet.")
        # The PDF of the version read, in a language it was issued in.
        shown = "zh-hans" if html is version.html_zh and not version.bilingual else "en"
        pdf_url = f"/api/assessments/{pk}/report/versions/{version.number}.pdf?lang={shown}"
        pdf_label = _("Download the PDF")
    else:
        report = assessment.reports.filter(status="done").first()
        if report is None:
            raise Http404("No finished report yet.")
        review = services.review_of(assessment)
        if review == Review():
            html = selectors.report_html(report=report, language=get_language() or "en")
        else:
            # The draft with counsel's review as it stands (the HTML only; issuing renders the
            # PDF with it, in the worker).
            html = render_html(
                Result.model_validate(report.result),
                language=BILINGUAL if report.bilingual else get_language() or "en",
                title=services.work_title(assessment),
                on=report.created_at.date(),
                review=review,
            )
        pdf_url = f"/api/assessments/{pk}/report.pdf?lang={get_language() or 'en'}"
        pdf_label = (
            _("Download the PDF")
            if review == Review()
            else _("Download the draft's PDF (without your review: issuing adds it)")
        )
    # The site's bar above the document (not part of it, nor of its hashes): the way back, the
    # PDF, the language; no script.
    bar = render_to_string(
        "assessments/_report_bar.html",
        {"assessment": assessment, "pdf_url": pdf_url, "pdf_label": pdf_label},
        request=request,
    )
    html = html.replace("<body>", "<body>\n" + bar, 1)
    response = HttpResponse(html)
    # The report is a self-contained document: no script, no outside resource.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    )
    return response


def _finding_name(finding: Any, lang: str) -> str:
    """A finding's heading as the report prints it: its rule's title, else its factors' names."""
    own = finding.title_zh if lang == "zh" and finding.title_zh else finding.title
    if own:
        return str(own)
    names = measures().factor_names
    codes = re.findall(r"F\d+", finding.factor)
    if "-" in finding.factor and len(codes) == 2:
        codes = [f"F{n}" for n in range(int(codes[0][1:]), int(codes[1][1:]) + 1)]
    sep = "；" if lang == "zh" else "; "
    return sep.join(getattr(names[c], lang) if c in names else c for c in codes) or finding.factor


@login_required
@require_http_methods(["GET", "POST"])
def assessment_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Counsel's review of the latest report: a covering note, a conclusion overridden with a
    reason, a note on any finding, added recommendations."""
    assessment = _owned(request, pk)
    if not selectors.assessments_editable(request.user).filter(pk=pk).exists():
        raise PermissionDenied("This assessment is shared with you to read only.")
    report = assessment.reports.filter(status="done").first()
    if report is None:
        # Nothing to review yet: said so, with the way back (not a 404, which would read as
        # "not yours").
        return render(request, "assessments/review.html", {"assessment": assessment})
    result = Result.model_validate(report.result)
    lang = "zh" if (get_language() or "en").lower().startswith("zh") else "en"
    error = None
    status = 200
    if request.method == "POST":
        data: dict[str, Any] = {
            "cover": request.POST.get("cover", "").strip() or None,
            "overrides": {},
            "annotations": [],
            "recommendations": [
                {"jurisdiction": "", "text": line.strip()}
                for line in request.POST.get("recommendations", "").splitlines()
                if line.strip()
            ],
        }
        for code, j in result.jurisdictions.items():
            verdict = request.POST.get(f"override_{code}", "")
            if verdict:
                data["overrides"][code] = {
                    "verdict": verdict,
                    "reason": request.POST.get(f"reason_{code}", ""),
                }
            for finding in j.findings:
                text = request.POST.get(f"note_{code}_{finding.key}", "").strip()
                if text:
                    data["annotations"].append(
                        {"jurisdiction": code, "factor": finding.key, "text": text}
                    )
        for made in recommendations_made(result):
            key = made["key"]
            worded = " ".join(request.POST.get(f"rec_{key}", "").split())
            if request.POST.get(f"omit_{key}"):
                data["recommendations"].append({"replaces": key, "omit": True})
            elif worded and worded not in (
                " ".join(made["text"].split()),
                " ".join(made["text_zh"].split()),
            ):
                data["recommendations"].append(
                    {"replaces": key, "text": request.POST[f"rec_{key}"].strip()}
                )
        try:
            services.review_update(assessment=assessment, user=request.user, data=data)
        except ApplicationError as exc:
            error, status = exc.message, exc.status
        else:
            return redirect("assessments:report", pk=pk)
    review = services.review_of(assessment)
    names = JURISDICTION_NAMES[lang]
    labels = LABELS[lang]
    sections = []
    for code, j in result.jurisdictions.items():
        override = review.overrides.get(code)
        sections.append(
            {
                "code": code,
                "name": names.get(code, code),
                "verdict": labels[f"{j.verdict}_v"],
                "override": override.verdict if override else "",
                "reason": override.text if override else "",
                "findings": [
                    {
                        "factor": f.key,
                        "name": _finding_name(f, lang),
                        "effect": labels[f"effect_{f.effect}"],
                        "rationale": f.rationale_zh if lang == "zh" else f.rationale,
                        "note": (
                            review.annotations[f"{code}:{f.key}"].text
                            if f"{code}:{f.key}" in review.annotations
                            else ""
                        ),
                    }
                    for f in j.findings
                ],
            }
        )
    suffix = "_zh" if lang == "zh" else ""
    made = []
    for item in recommendations_made(result):
        edit = review.edits.get(item["key"])
        made.append(
            {
                "key": item["key"],
                "text": edit.text if edit and edit.text else item[f"text{suffix}"],
                "omitted": bool(edit and not edit.text),
                "where": labels["list_sep"].join(names.get(c, c) for c in item["jurisdictions"]),
            }
        )
    stale = []
    gone = review.no_longer_apply(result)
    for key, note in gone["annotations"]:
        code, _sep, finding = key.partition(":")
        factor, _sep, rule = finding.partition("/")
        shown = Finding(
            factor=factor,
            rule=rule,
            effect="neutral",
            points=0,
            rationale="",
            rationale_zh="",
            citations=[],
        )
        where = f"{names.get(code, code)}{labels['list_sep']}{_finding_name(shown, lang)}"
        stale.append({"where": where, "note": note})
    for code, note in gone["overrides"]:
        conclusion = _("Counsel's conclusion")
        where = f"{names.get(code, code)}{labels['list_sep']}{conclusion}"
        stale.append({"where": where, "note": note})
    for _key, note in gone["edits"]:
        stale.append({"where": _("A recommendation the report no longer makes"), "note": note})
    context = {
        "assessment": assessment,
        "sections": sections,
        "made": made,
        "verdicts": [(v, labels[f"{v}_v"]) for v in VERDICTS],
        "cover": review.cover.text if review.cover else "",
        "recommendations": "\n".join(note.text for _, note in review.recommendations),
        "stale": stale,
        "error": error,
    }
    return render(request, "assessments/review.html", context, status=status)


# --- The guided intake ------------------------------------------------------------------------


@login_required
@require_GET
def intake_resume(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _owned(request, pk)
    step = (assessment.intake_progress or {}).get("step") or STEP_SLUGS[0]
    if step == "review":
        return redirect("assessments:intake_review", pk=pk)
    return redirect("assessments:intake_step", pk=pk, slug=step)


@login_required
@require_http_methods(["GET", "POST"])
def intake_step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    if slug not in STEP_SLUGS:
        raise Http404("No such step.")
    assessment = _owned(request, pk)
    if not selectors.assessments_editable(request.user).filter(pk=pk).exists():
        raise PermissionDenied("This assessment is shared with you to read only.")
    if slug == "files":
        return _intake_files(request, assessment)
    index = STEP_SLUGS.index(slug)
    step = STEPS[index]
    previous, following = _neighbours(index)
    initial = _initial(assessment)
    if request.method == "POST":
        form = step_form(slug, request.POST)
        if form.is_valid():
            going_back = request.POST.get("direction") == "back" and previous is not None
            target = previous if going_back else following
            try:
                services.assessment_intake_step_save(
                    assessment=assessment,
                    step=slug,
                    fields=step["fields"],
                    answers=form.intake(),
                    next_step=target,
                )
            except ValidationError as exc:
                form.add_error(None, str(exc.errors()[0]["msg"]))
            else:
                if target == "review":
                    return redirect("assessments:intake_review", pk=pk)
                return redirect("assessments:intake_step", pk=pk, slug=target)
        status = 400
    else:
        form = step_form(slug, initial=initial)
        status = 200
    completed = set((assessment.intake_progress or {}).get("completed", []))
    context = {
        "assessment": assessment,
        "form": form,
        "step": step,
        "index": index + 1,
        "total": len(STEPS) + 1,  # and Review
        "previous": previous,
        "steps": STEPS,
        "completed": completed,
    }
    return render(request, "assessments/intake_step.html", context, status=status)


def _neighbours(index: int) -> tuple[str | None, str]:
    """The steps before and after step ``index`` (the last is followed by Review)."""
    previous = STEP_SLUGS[index - 1] if index else None
    return previous, STEP_SLUGS[index + 1] if index + 1 < len(STEPS) else "review"


def _intake_files(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    """The wizard's files step: attach files (each shown with what it holds), name the final
    work among them, withdraw one (it stays in the evidence history), then go on."""
    index = STEP_SLUGS.index("files")
    step = STEPS[index]
    previous, following = _neighbours(index)
    uploads: list[FileResult] = []
    message = error = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            uploads = _upload(request, assessment)
            if uploads and all(u.error for u in uploads):
                status = 400
        elif action == "withdraw":
            try:
                message = _withdraw(request, assessment)
            except ApplicationError as exc:
                error, status = exc.message, exc.status
        else:
            names = set(assessment.logs.values_list("name", flat=True))
            final = (request.POST.get("final_file") or "").strip()
            if final and final not in names:
                error, status = _("The final work must be one of the files attached."), 400
            else:
                going_back = request.POST.get("direction") == "back" and previous is not None
                target = previous if going_back else following
                services.assessment_intake_step_save(
                    assessment=assessment,
                    step="files",
                    fields=["final_file"],
                    answers={"final_file": final} if final else {},
                    next_step=target,
                )
                if target == "review":
                    return redirect("assessments:intake_review", pk=assessment.pk)
                return redirect("assessments:intake_step", pk=assessment.pk, slug=target)
        assessment.refresh_from_db()
    files = []
    for f in assessment.logs.select_related("stored"):
        f.parsed = CreationLog.model_validate(f.log)  # type: ignore[attr-defined]
        files.append(f)
    jobs = list(selectors.parse_jobs_live(assessment=assessment))
    context = {
        "assessment": assessment,
        "step": step,
        "index": index + 1,
        "total": len(STEPS) + 1,
        "previous": previous,
        "steps": STEPS,
        "completed": set((assessment.intake_progress or {}).get("completed", [])),
        "files": files,
        "final_file": (assessment.intake or {}).get("final_file") or "",
        "withdrawn": selectors.withdrawn_logs(assessment),
        "jobs": jobs,
        "jobs_live": any(job.status in ("pending", "running") for job in jobs),
        "uploads": uploads,
        "message": message,
        "error": error,
        "supported_formats": SUPPORTED_FORMAT_LABELS,
    }
    return render(request, "assessments/intake_files.html", context, status=status)


def _initial(assessment: Assessment) -> dict[str, Any]:
    """The intake's answers for a form; the title given when the assessment was made is the
    work's, until told otherwise."""
    initial = IntakeForm.initial_from(assessment.intake or {})
    if "work_title" not in (assessment.intake or {}) and assessment.title:
        initial["work_title"] = assessment.title
    return initial


@login_required
@require_GET
def intake_review(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _owned(request, pk)
    intake = assessment.intake or {}
    rows = []
    form = IntakeForm(initial=_initial(assessment))
    for step in STEPS:
        if step["slug"] == "files":
            continue  # shown as the files attached, with the final work marked
        answers = []
        for name in step["fields"]:
            field = form.fields[name]
            value = form.initial.get(name)
            names = dict(getattr(field, "choices", []))
            if isinstance(value, list):
                shown = _(", ").join(str(names.get(v, v)) for v in value)
            elif names and value not in (None, ""):
                shown = str(names.get(value, value))
            else:
                shown = value
            answers.append((field.label, shown or _("Unknown")))
        rows.append({"step": step, "answers": answers})
    files = list(assessment.logs.select_related("stored").defer("log"))
    reading = [
        job
        for job in selectors.parse_jobs_live(assessment=assessment)
        if job.status in ("pending", "running")
    ]
    context = {
        "assessment": assessment,
        "rows": rows,
        "files": files,
        "reading": reading,
        "missing": _missing(intake, files, reading=len(reading)),
        "steps": STEPS,
        "completed": set((assessment.intake_progress or {}).get("completed", [])),
    }
    return render(request, "assessments/intake_review.html", context)


def _missing(intake: dict[str, Any], files: list[Any], reading: int = 0) -> list[tuple[str, str]]:
    """What the assessment lacks before submitting, and why it matters. Files still being read
    are not missing, but the report cannot be built before they are read."""
    missing = []
    if reading:
        missing.append(
            (
                ngettext(
                    "%(n)s file is still being read.",
                    "%(n)s files are still being read.",
                    reading,
                )
                % {"n": reading},
                _("They are attached once read; the report can be asked for then."),
            )
        )
    elif not files:
        missing.append(
            (
                _("No process records are attached."),
                _(
                    "In a dispute, Chinese courts deny protection where the process is not shown "
                    "by records, and so did a Czech court (Zhangjiagang 2025; Prague 2023): "
                    "attach the tool's files, the images with their metadata, the workflow or "
                    "the history."
                ),
            )
        )
    if files and not intake.get("final_file"):
        missing.append(
            (
                _("No file is named as the final work."),
                _("The report cannot tell which image is the work: name it under “The files”."),
            )
        )
    if intake.get("evidence_contemporaneous") is None:
        missing.append(
            (
                _("Whether the records were made at the time is unknown."),
                _(
                    "Records re-created after a dispute began do not prove the process (Zhou, "
                    "the cat pendant case, 2025); the report stays uncertain on it."
                ),
            )
        )
    if not (intake.get("human_contribution") or "").strip():
        missing.append(
            (
                _("The client's own account of the process is empty."),
                _(
                    "The report then rests on the records alone; courts weigh the creator's "
                    "account of the plan and the choices beside the records (Li v. Liu)."
                ),
            )
        )
    return missing

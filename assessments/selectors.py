"""Reads of assessments and reports."""

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast

from .models import Assessment, Report
from .reports.render import render_html, render_pdf
from .rules.result import Result


def assessments_visible(user: object) -> QuerySet[Assessment]:
    """Owned or shared with the user: anyone else's answer 404, exactly like a missing one."""
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    return (
        Assessment.objects.filter(Q(owner=user) | Q(shares__user=user))
        .distinct()
        .prefetch_related("logs__stored", "reports")
    )


def assessments_editable(user: object) -> QuerySet[Assessment]:
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    return Assessment.objects.filter(
        Q(owner=user) | Q(shares__user=user, shares__can_edit=True)
    ).distinct()


assessments_of = assessments_visible


def report_html(*, report: Report, language: str, case_url: str = "/cases/{slug}/") -> str:
    """The stored English HTML, or the same result rendered in another language."""
    if not language.lower().startswith("zh") and report.html:
        return report.html
    return render_html(
        Result.model_validate(report.result),
        language=language,
        title=report.assessment.title or None,
        on=report.created_at.date(),
        case_url=case_url,
    )


def report_pdf(*, report: Report, language: str, public_url: str) -> bytes:
    if not language.lower().startswith("zh") and report.pdf:
        with report.pdf.open("rb") as handle:
            return handle.read()
    html = render_html(
        Result.model_validate(report.result),
        language=language,
        title=report.assessment.title or None,
        on=report.created_at.date(),
        case_url=public_url.rstrip("/") + "/cases/{slug}/",
        for_pdf=True,
    )
    return render_pdf(html)


def report_result_text(*, user: object, pk: int) -> tuple[bool, str | None, str]:
    """The latest finished report's result JSON as the database holds it, read without decoding
    it into Python and encoding it again (the largest answer the API gives, and a frequent one).
    One query when the report is there; the rarer answers take one or two more.

    Returns whether the assessment is visible to ``user``, the JSON text (None before a report is
    done) and the state of the latest report."""
    if not getattr(user, "is_authenticated", False):
        return False, None, ""
    reports = Report.objects.filter(
        Q(assessment__owner=user) | Q(assessment__shares__user=user), assessment_id=pk
    )
    text = (
        reports.filter(status="done")
        .annotate(text=Cast("result", TextField()))
        .values_list("text", flat=True)
        .first()
    )
    if text is not None:
        return True, text, "done"
    if not assessments_visible(user).filter(pk=pk).exists():
        return False, None, ""
    state = reports.values_list("status", flat=True).first()
    return True, None, state or "not submitted"

"""Reads of assessments and reports."""

from django.db.models import Q, QuerySet

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

"""Reads of assessments and reports."""

from datetime import datetime
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet, TextField
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import Cast

from cases.links import case_url_template
from cases.models import Case

from .models import Assessment, CreationLogFile, LogParseJob, Report, ReportVersion
from .reports.diff import result_diff
from .reports.render import BILINGUAL, JURISDICTION_NAMES, render_html, render_pdf
from .rules.result import Result
from .rules.ruleset import ruleset_id


def _visible_to(user: object, through: str = "") -> Q:
    """The one rule of who sees an assessment: its owner and those it is shared with.
    ``through`` reaches it from a related model (``"assessment__"`` from a report)."""
    return Q(**{f"{through}owner": user}) | Q(**{f"{through}shares__user": user})


def assessments_visible(user: object) -> QuerySet[Assessment]:
    """Owned or shared with the user: anyone else's answer 404, exactly like a missing one."""
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    # Lists and details show the logs' names and hashes and the reports' states: the logs'
    # normalized JSON and the reports' results and HTML (megabytes each) are not read for them.
    return (
        Assessment.objects.filter(_visible_to(user))
        .distinct()
        .prefetch_related(
            Prefetch(
                "logs", queryset=CreationLogFile.objects.defer("log").select_related("stored")
            ),
            Prefetch("reports", queryset=Report.objects.defer("result", "html", "html_zh")),
        )
    )


def assessments_editable(user: object) -> QuerySet[Assessment]:
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    return Assessment.objects.filter(
        Q(owner=user) | Q(shares__user=user, shares__can_edit=True)
    ).distinct()


assessments_of = assessments_visible


def stored_document(built: Any, kind: str, language: str) -> Any:
    """The stored ``kind`` ("html" or "pdf") of a report or issued version in ``language``: the
    one bilingual document whatever the language, else the language's own (empty when it was not
    built in that language)."""
    chinese = language.lower().startswith("zh")
    return getattr(built, f"{kind}_zh" if chinese and not built.bilingual else kind)


def report_html(*, report: Report, language: str, case_url: str = "/cases/{slug}/") -> str:
    """The stored HTML in the reader's language (the bilingual document, when the report is
    one); a report built before it stored its Chinese is rendered in Chinese from its result."""
    stored = stored_document(report, "html", language)
    if stored:
        return stored
    return render_html(
        Result.model_validate(report.result),
        language=BILINGUAL if report.bilingual else language,
        title=_work_title(report.assessment),
        on=report.created_at.date(),
        case_url=case_url,
    )


def report_pdf(*, report: Report, language: str, public_url: str) -> bytes:
    """The stored PDF in the language asked for (the worker builds both); rendered, with links
    to ``public_url``, only where none was stored (no public address at build time, or a report
    built before it stored its Chinese)."""
    stored = stored_document(report, "pdf", language)
    if stored:
        with stored.open("rb") as handle:
            return handle.read()
    html = render_html(
        Result.model_validate(report.result),
        language=BILINGUAL if report.bilingual else language,
        title=_work_title(report.assessment),
        on=report.created_at.date(),
        case_url=case_url_template(public_url),
        for_pdf=True,
    )
    return render_pdf(html)


def reports_visible(*, user: object, pk: int) -> QuerySet[Report]:
    """The reports of assessment ``pk``, when the user may see it (none otherwise)."""
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    return Report.objects.filter(_visible_to(user, "assessment__"), assessment_id=pk)


def report_state(*, user: object, pk: int) -> str | None:
    """The latest report's status ("not submitted" without one), or None when the assessment is
    not visible to the user. For the rarer answers: no report is done yet, or none is visible."""
    if not assessments_visible(user).filter(pk=pk).exists():
        return None
    latest = Report.objects.filter(assessment_id=pk).values_list("status", flat=True).first()
    return latest or "not submitted"


def reads_issued_only(*, user: object, pk: int) -> bool:
    """A colleague the assessment is shared with to read only sees issued versions, never a
    draft (the owner and editors see the latest draft)."""
    return (
        assessments_visible(user).filter(pk=pk).exists()
        and not assessments_editable(user).filter(pk=pk).exists()
    )


def versions_visible(*, user: object, pk: int) -> QuerySet[ReportVersion]:
    """The issued versions of assessment ``pk`` the user may see: all of them for the owner and
    editors, the finished ones for a reader; none for anyone else. Newest first."""
    if not getattr(user, "is_authenticated", False):
        return ReportVersion.objects.none()
    versions = ReportVersion.objects.filter(_visible_to(user, "assessment__"), assessment_id=pk)
    if reads_issued_only(user=user, pk=pk):
        versions = versions.filter(status="done")
    return with_law_inputs(versions)


def with_law_inputs(versions: QuerySet[ReportVersion]) -> QuerySet[ReportVersion]:
    """Versions without their documents and result (read when shown), with what the law-change
    check needs: the decisions cited, and the rulesets and time of the build frozen."""
    return versions.defer("result", "review", "html", "html_zh").annotate(
        cited=KeyTransform("authorities", "result"),
        built_rulesets=F("report__rulesets"),
        built_at=F("report__created_at"),
    )


def report_result_text(*, user: object, pk: int) -> str | None:
    """The latest finished report's result JSON as the database holds it, read without decoding
    it into Python and encoding it again (the largest answer the API gives, and a frequent one):
    one query. None when there is none to show (``report_state`` says why). A read-only
    colleague gets the latest issued version's."""
    if reads_issued_only(user=user, pk=pk):
        return (
            versions_visible(user=user, pk=pk)
            .annotate(text=Cast("result", TextField()))
            .values_list("text", flat=True)
            .first()
        )
    return (
        reports_visible(user=user, pk=pk)
        .filter(status="done")
        .annotate(text=Cast("result", TextField()))
        .values_list("text", flat=True)
        .first()
    )


def report_latest_done(*, user: object, pk: int) -> Report | None:
    """The latest finished report with its assessment, in one query, without loading the
    assessment's other reports."""
    return (
        reports_visible(user=user, pk=pk).filter(status="done").select_related("assessment").first()
    )


def parse_jobs_of(user: object) -> QuerySet[LogParseJob]:
    """The files being read in the background that a user may follow: those they sent, and
    those sent for an assessment they can see (a preview is its sender's alone)."""
    return LogParseJob.objects.filter(
        Q(owner=user) | Q(assessment__in=assessments_visible(user).values("pk"))
    )


def parse_jobs_live(*, assessment: Assessment) -> QuerySet[LogParseJob]:
    """Files still being read for an assessment, or that could not be read, newest last."""
    return LogParseJob.objects.filter(assessment=assessment).exclude(status="done")


def law_changes(
    *, rulesets: dict[str, str], authorities: dict[str, Any], since: datetime
) -> dict[str, Any] | None:
    """What changed in the law a report rests on since it was built: a ruleset now at another
    version, a cited decision whose holding, outcome, status of proceedings or factors changed
    in substance (``Case.material_changed_at``) or whose status differs from the one the report
    printed. None when nothing did."""
    moved = []
    for code, then in sorted(rulesets.items()):
        try:
            now = ruleset_id(code)
        except (OSError, ValueError):
            now = None
        if now != then:
            moved.append(
                {
                    "jurisdiction": code,
                    "name": JURISDICTION_NAMES["en"].get(code, code),
                    "name_zh": JURISDICTION_NAMES["zh"].get(code, code),
                    "then": then,
                    "now": now,
                }
            )
    cited = list(authorities)
    decisions = []
    for case in Case.objects.filter(slug__in=cited).only(
        "slug", "short_name", "short_name_zh", "proceeding_status", "material_changed_at"
    ):
        printed = (authorities.get(case.slug) or {}).get("proceeding_status")
        changed = case.material_changed_at is not None and case.material_changed_at > since
        if changed or (printed and printed != case.proceeding_status):
            decisions.append(
                {
                    "slug": case.slug,
                    "name": case.short_name,
                    "name_zh": case.short_name_zh or case.short_name,
                    "status_then": printed,
                    "status_now": case.proceeding_status,
                }
            )
    gone = sorted(
        set(cited)
        - {d["slug"] for d in decisions}
        - set(Case.objects.filter(slug__in=cited).values_list("slug", flat=True))
    )
    decisions += [
        {"slug": slug, "name": slug, "name_zh": slug, "status_then": None, "status_now": None}
        for slug in gone
    ]
    if not moved and not decisions:
        return None
    return {"rulesets": moved, "decisions": decisions}


def report_law_changes(report: Report) -> dict[str, Any] | None:
    """What changed in the law since ``report`` was built (its result is not read: only the
    decisions it cites)."""
    row = (
        Report.objects.filter(pk=report.pk)
        .values("rulesets", "created_at", cited=KeyTransform("authorities", "result"))
        .first()
    )
    if row is None:
        return None
    return law_changes(
        rulesets=row["rulesets"] or {}, authorities=row["cited"] or {}, since=row["created_at"]
    )


def version_law_changes(version: ReportVersion) -> dict[str, Any] | None:
    """For an issued version (from ``with_law_inputs``): what changed since the build it
    froze."""
    if not hasattr(version, "built_at"):
        version = with_law_inputs(ReportVersion.objects.filter(pk=version.pk)).get()
    return law_changes(
        rulesets=version.built_rulesets or {},  # type: ignore[attr-defined]
        authorities=version.cited or {},  # type: ignore[attr-defined]
        since=version.built_at,  # type: ignore[attr-defined]
    )


def report_diff(*, user: object, pk: int) -> dict[str, Any] | None:
    """The latest finished report against the last issued version (or, where none was issued,
    the finished report before it); None when there is nothing to compare."""
    reports = list(reports_visible(user=user, pk=pk).filter(status="done")[:2])
    if not reports:
        return None
    latest = reports[0]
    issued = (
        ReportVersion.objects.filter(assessment_id=pk, status="done").exclude(report=latest).first()
    )
    if issued is not None:
        against: dict[str, Any] = {"kind": "issued", "number": issued.number}
        before = issued.result
    elif len(reports) > 1:
        against = {"kind": "draft", "report": reports[1].pk}
        before = reports[1].result
    else:
        return None
    diff = result_diff(Result.model_validate(before), Result.model_validate(latest.result))
    return {"against": against, **diff}


def _work_title(assessment: Any) -> str | None:
    from .services import work_title

    return work_title(assessment)


def withdrawn_logs(assessment: Assessment) -> list[CreationLogFile]:
    """The files withdrawn from the assessment, kept in its evidence history, oldest first."""
    return list(
        CreationLogFile.history.filter(assessment=assessment, withdrawn_at__isnull=False)
        .select_related("stored", "withdrawn_by")
        .defer("log")
        .order_by("created_at", "id")
    )

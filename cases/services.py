"""Writes to the case library: loading the curated file, publishing and unpublishing."""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from pydantic import ValidationError

from aigc_copyright.errors import ApplicationError

from .library import CaseData, Library
from .models import Case, CaseFactor, Factor, ProtectedWork, PublicationStatus, Scenario, Source
from .search import deferred_refresh
from .selectors import Citers, case_citers

DEFAULT_LIBRARY_PATH = Path(__file__).resolve().parent / "fixtures" / "caselaw.json"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def __str__(self) -> str:
        if not self.changed:
            return "Case library up to date: nothing changed."
        parts = [f"created {n} {k}" for k, n in sorted(self.created.items())]
        parts += [f"updated {n} {k}" for k, n in sorted(self.updated.items())]
        return "Case library loaded: " + ", ".join(parts) + "."


def _apply(obj: models.Model, values: dict[str, Any]) -> bool:
    """Set the values that differ; True when anything changed (so unchanged rows get no history)."""
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


class LibraryFileInvalid(ValueError):
    """The library file does not validate; the message names each entry and problem."""


def library_read(path: Path = DEFAULT_LIBRARY_PATH) -> Library:
    """The library file, validated whole before anything is written (a refused file changes
    nothing stored). Errors name the case or lexicon entry, not only its position."""
    data = path.read_bytes()
    try:
        return Library.model_validate_json(data)
    except ValidationError as exc:
        raise LibraryFileInvalid(_describe(exc, data)) from exc


def _describe(exc: ValidationError, data: bytes) -> str:
    try:
        raw = json.loads(data)
    except ValueError:
        raw = {}
    lines = []
    for error in exc.errors():
        loc = list(error["loc"])
        where = ".".join(str(p) for p in loc)
        if len(loc) >= 2 and loc[0] in ("protected_works", "cases") and isinstance(loc[1], int):
            items = raw.get(loc[0]) if isinstance(raw, dict) else None
            item = items[loc[1]] if isinstance(items, list) and loc[1] < len(items) else None
            key = "name" if loc[0] == "protected_works" else "slug"
            label = item.get(key) if isinstance(item, dict) else None
            kind = "lexicon entry" if loc[0] == "protected_works" else "case"
            rest = ".".join(str(p) for p in loc[2:])
            where = f"{kind} {label!r}" + (f", {rest}" if rest else "") if label else where
        lines.append(f"{where}: {error['msg']}")
    return "\n".join(lines)


def _case_values(data: CaseData) -> dict[str, Any]:
    return data.model_dump(exclude={"slug", "sources", "factors", "scenario"})


LOAD_REASON = "Loaded from the library file"


def _save(obj: models.Model, reason: str = LOAD_REASON) -> None:
    """Save with the reason recorded in the row's history (so history never says 'None')."""
    obj._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
    obj.save()


def _create(model: type[models.Model], **values: Any) -> Any:
    obj = model(**values)
    _save(obj)
    return obj


@transaction.atomic
def caselaw_load(*, library: Library, update: bool = False) -> LoadReport:
    """Load the curated library. Idempotent: a second run changes nothing.

    Rows missing from the database are created (cases as published). Rows that exist are left
    as curators edited them unless ``update`` is true, in which case they are brought back to the
    file's values (only the fields that differ are written).
    """
    with deferred_refresh():
        return _caselaw_load(library=library, update=update)


def _caselaw_load(*, library: Library, update: bool) -> LoadReport:
    report = LoadReport()
    factors: dict[str, Factor] = {f.code: f for f in Factor.objects.all()}
    for position, fdata in enumerate(library.factors, start=1):
        values = fdata.model_dump(exclude={"code"}) | {"position": position}
        factor = factors.get(fdata.code)
        if factor is None:
            factors[fdata.code] = _create(Factor, code=fdata.code, **values)
            report.count(report.created, "factors")
        elif update and _apply(factor, values):
            _save(factor)
            report.count(report.updated, "factors")

    existing = {c.slug: c for c in Case.objects.all()}
    cases: dict[str, Case] = dict(existing)
    for cdata in library.cases:
        case = existing.get(cdata.slug)
        if case is None:
            case = _create(
                Case,
                slug=cdata.slug,
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now(),
                **_case_values(cdata),
            )
            cases[cdata.slug] = case
            report.count(report.created, "cases")
            _sync_children(case, cdata, factors, report, update=True)
        elif update:
            if _apply(case, _case_values(cdata)):
                _save(case)
                report.count(report.updated, "cases")
            _sync_children(case, cdata, factors, report, update=True)

    known_works = {w.name: w for w in ProtectedWork.objects.all()}
    for wdata in library.protected_works:
        if wdata.case not in cases:
            raise ValueError(f"Protected work {wdata.name!r} cites unknown case {wdata.case!r}.")
        values = wdata.model_dump(mode="json", exclude={"name", "case"}) | {
            "case": cases[wdata.case]
        }
        work = known_works.get(wdata.name)
        if work is None:
            _create(ProtectedWork, name=wdata.name, **values)
            report.count(report.created, "protected works")
        elif update and _apply(work, values):
            _save(work)
            report.count(report.updated, "protected works")
    return report


def _sync_children(
    case: Case, data: CaseData, factors: dict[str, Factor], report: LoadReport, *, update: bool
) -> None:
    sources = {s.url: s for s in case.sources.all()}
    for position, sdata in enumerate(data.sources):
        url = str(sdata.url)
        values = sdata.model_dump(exclude={"url"}) | {"position": position}
        source = sources.get(url)
        if source is None:
            _create(Source, case=case, url=url, **values)
            report.count(report.created, "sources")
        elif update and _apply(source, values):
            _save(source)
            report.count(report.updated, "sources")

    links = {cf.factor.code: cf for cf in case.case_factors.select_related("factor")}
    for fdata in data.factors:
        if fdata.code not in factors:
            raise ValueError(f"Case {case.slug!r} cites unknown factor {fdata.code!r}.")
        values = fdata.model_dump(exclude={"code"})
        link = links.get(fdata.code)
        if link is None:
            _create(CaseFactor, case=case, factor=factors[fdata.code], **values)
            report.count(report.created, "case factors")
        elif update and _apply(link, values):
            _save(link)
            report.count(report.updated, "case factors")

    if data.scenario is not None:
        values = data.scenario.model_dump()
        scenario = Scenario.objects.filter(case=case).first()
        if scenario is None:
            _create(Scenario, case=case, **values)
            report.count(report.created, "scenarios")
        elif update and _apply(scenario, values):
            _save(scenario)
            report.count(report.updated, "scenarios")


def case_publish(*, case: Case, reason: str = "Published") -> Case:
    if case.status != PublicationStatus.PUBLISHED:
        case.status = PublicationStatus.PUBLISHED
        case.published_at = timezone.now()
        case._change_reason = reason  # type: ignore[attr-defined]
        case.save(update_fields=["status", "published_at", "updated_at"])
    return case


class CaseCited(ApplicationError):
    """Unpublishing a decision that the rules or the lexicon cite would break every assessment
    that needs it; the curator is told what cites it instead."""

    code = "case_cited"
    status = 409

    def __init__(self, case: Case, citers: Citers) -> None:
        self.case = case
        self.citers = citers
        super().__init__(
            f"{case.short_name} cannot be unpublished while it is cited: {citers.describe()}. "
            "Change or remove those citations first."
        )


def case_unpublish(*, case: Case, reason: str = "Unpublished") -> Case:
    citers = case_citers(case)
    if citers.blocking:
        raise CaseCited(case, citers)
    if case.status != PublicationStatus.DRAFT:
        case.status = PublicationStatus.DRAFT
        case._change_reason = reason  # type: ignore[attr-defined]
        case.save(update_fields=["status", "updated_at"])
    return case

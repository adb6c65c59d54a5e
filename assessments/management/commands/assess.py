import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from pydantic import ValidationError

from assessments.assessment import result_build
from assessments.creation_logs import CreationLog, parse
from assessments.errors import ApplicationError
from assessments.rules import JURISDICTIONS, Intake, Result


class BadInput(ApplicationError):
    code = "bad_input"


class Command(BaseCommand):
    help = (
        "Assess creation logs offline: assess FILE... [--intake FILE] "
        "[--jurisdictions CN,US,EU,UK] [--json]. Exit 0 on success, 2 on bad input."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--intake", type=Path)
        parser.add_argument("--jurisdictions", help="Comma-separated: CN,US,EU,UK (default all).")
        parser.add_argument("--json", action="store_true", help="Print the result JSON.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            logs = self._logs(options["files"])
            intake = self._intake(options["intake"], options["jurisdictions"])
            result = result_build(logs=logs, intake=intake)
        except ApplicationError as exc:
            # The commands' one handler of the application's errors: the message, any hint, exit 2.
            self.stderr.write(f"assess: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""))
            raise SystemExit(2) from None
        if options["json"]:
            self.stdout.write(result.model_dump_json(by_alias=True, indent=2))
        else:
            self.stdout.write(render_text(result))

    def _logs(self, paths: list[Path]) -> list[CreationLog]:
        logs = []
        for path in paths:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise BadInput(f"{path}: cannot be read ({exc.strerror})") from exc
            try:
                logs.append(parse(data, path.name))
            except ApplicationError as exc:
                raise BadInput(f"{path}: {exc.message} [{exc.code}]") from exc
        return logs

    def _intake(self, path: Path | None, jurisdictions: str | None) -> Intake:
        data: dict[str, Any] = {}
        if path is not None:
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise BadInput(f"{path}: cannot be read ({exc.strerror})") from exc
            except (ValueError, UnicodeDecodeError) as exc:
                raise BadInput(f"{path}: not valid JSON ({exc})") from exc
            if not isinstance(data, dict):
                raise BadInput(f"{path}: the intake must be a JSON object")
        if jurisdictions:
            codes = [j.strip().upper() for j in jurisdictions.split(",") if j.strip()]
            unknown = [c for c in codes if c not in JURISDICTIONS]
            if unknown:
                raise BadInput(
                    f"unknown jurisdiction {unknown[0]!r}; use {','.join(JURISDICTIONS)}"
                )
            data["jurisdictions"] = codes
        data.setdefault("jurisdictions", list(JURISDICTIONS))
        try:
            return Intake.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "intake"
            raise BadInput(f"intake: {where}: {first['msg']}") from exc


def _cited(result: Result, slugs: list[str]) -> str:
    """The decisions as the library cites them (a slug only if the library has no citation)."""
    found = result.authorities
    return "; ".join(
        found[slug].citation + (" (pending)" if found[slug].proceeding_status in OPEN else "")
        if slug in found
        else slug
        for slug in slugs
    )


OPEN = ("pending", "on_appeal")


def render_text(result: Result) -> str:
    lines = [result.notice, ""]
    for code, j in result.jurisdictions.items():
        lines.append(
            f"== {code} ({j.ruleset}): {j.verdict.upper()}  score {j.score}"
            + (f" ({j.scale.band.label})" if j.scale else "")
            + f"  confidence {j.confidence}"
        )
        for finding in j.findings:
            cites = _cited(result, finding.citations)
            lines.append(
                f"  [{finding.factor} {finding.effect} {finding.points:g}] {finding.rationale}  ({cites})"
            )
        lines.append(f"  Ownership: {j.ownership.text} ({_cited(result, j.ownership.citations)})")
        for element in j.protectable_elements:
            lines.append(f"  Protectable: {element}")
        for element in j.excluded_elements:
            lines.append(f"  Excluded: {element}")
        for what in j.what_if:
            lines.append(f"  What if {what.condition}: {what.verdict} (score {what.score})")
        for rec in j.recommendations:
            lines.append(f"  Recommendation: {rec.text} ({_cited(result, rec.citations)})")
        if j.filing and j.filing.author_created:
            lines.append(f"  Author created: {j.filing.author_created}")
            lines.append(f"  Material excluded: {j.filing.material_excluded}")
        if j.filing and j.filing.creation_statement_zh:
            lines.append(f"  创作说明: {j.filing.creation_statement_zh}")
        lines.append("")
    inf = result.infringement
    lines.append(f"== Infringement risk: {inf.level.upper()}  ({_cited(result, inf.citations)})")
    for flag in inf.flags:
        lines.append(
            f"  {flag.kind}: '{flag.matched}' -> {flag.protected_work} ({_cited(result, flag.citations)})"
        )
    if result.analogous_cases:
        lines.append("== Analogous decisions")
        for case in result.analogous_cases:
            name = (
                result.authorities[case.slug].name if case.slug in result.authorities else case.slug
            )
            lines.append(f"  {name} ({case.similarity}): {case.reason}")
    record = result.evidence_record
    lines.append(f"== Evidence record: root {record.root}")
    for f in record.files:
        lines.append(f"  {f.sha256}  {f.format:8} {f.name}")
    return "\n".join(lines)

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from cases.services import DEFAULT_LIBRARY_PATH, LibraryFileInvalid, caselaw_load, library_read


class Command(BaseCommand):
    help = (
        "Load the curated case-law library (decisions, sources, factors, scenarios, protected "
        "works). Idempotent: a second run changes nothing. Curators' edits are kept unless "
        "--update is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", type=Path, default=DEFAULT_LIBRARY_PATH)
        parser.add_argument(
            "--update",
            action="store_true",
            help="Bring rows that exist back to the file's values (overwrites curators' edits).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            library = library_read(options["file"])
        except FileNotFoundError as exc:
            raise CommandError(f"No library file at {options['file']}.") from exc
        except (ValidationError, LibraryFileInvalid) as exc:
            raise CommandError(f"The library file is invalid:\n{exc}") from exc
        try:
            report = caselaw_load(library=library, update=options["update"])
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(str(report))

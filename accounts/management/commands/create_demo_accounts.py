from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.roles import Role
from accounts.services import user_create_with_role

# Demo accounts exist for a local trial only; the command refuses to run with DEBUG off.
DEMO_PASSWORDS = {
    Role.CREATOR: "creator-demo-pass",
    Role.LAWYER: "lawyer-demo-pass",
    Role.CURATOR: "curator-demo-pass",
}


class Command(BaseCommand):
    help = "Create the demo accounts creator, lawyer and curator (DEBUG only) and print them."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo accounts are for local trials: refused with DEBUG off.")
        users = get_user_model().objects
        for role, password in DEMO_PASSWORDS.items():
            if users.filter(username=role.value).exists():
                state = "exists"
            else:
                user_create_with_role(username=role.value, password=password, role=role)
                state = "created"
            self.stdout.write(f"  {role.value:8} password {password}  ({state})")

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_roles(sender: AppConfig, **kwargs: Any) -> None:
    from .services import roles_ensure

    roles_ensure()


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Permissions exist only after migrate; the role groups are (re)bound to them then.
        post_migrate.connect(_ensure_roles, sender=self)
        from . import signals

        signals.connect()

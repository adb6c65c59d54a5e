from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("Case-law library")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (search text upkeep)

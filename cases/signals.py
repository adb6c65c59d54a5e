"""Keep ``Case.search_text`` and the public cache's library version current, whichever way a
curated row changes (admin, import, loader, shell). Decoupled side effects: nothing in the domain
reads either but search and the cache."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .cache import library_changed
from .models import Case, CaseFactor, Factor, ProtectedWork, Scenario, Source
from .search import request_refresh

LIBRARY_MODELS = (Case, Source, CaseFactor, Factor, ProtectedWork, Scenario)


@receiver(post_save, sender=Case)
def case_saved(sender: type[Case], instance: Case, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request_refresh(instance.pk)


@receiver(post_save, sender=Source)
@receiver(post_delete, sender=Source)
def source_changed(
    sender: type[Source], instance: Source, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        request_refresh(instance.case_id)


def library_row_changed(sender: type, raw: bool = False, **kwargs: Any) -> None:
    library_changed()


for model in LIBRARY_MODELS:
    post_save.connect(library_row_changed, sender=model, dispatch_uid=f"cache-{model.__name__}")
    post_delete.connect(library_row_changed, sender=model, dispatch_uid=f"cache-d-{model.__name__}")

"""Keep ``Case.search_text`` current, whichever way a case or its sources change (admin,
import, loader, shell). A decoupled side effect: nothing in the domain reads it but search."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Case, Source
from .search import request_refresh


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

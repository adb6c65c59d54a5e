"""Keep ``Case.search_text`` and the public cache's library version current, whichever way a
curated row changes (admin, import, loader, shell). Decoupled side effects: nothing in the domain
reads either but search and the cache."""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .cache import library_changed
from .material import MATERIAL_FIELDS, changed_in_substance
from .models import Case, CaseFactor, Factor, ProtectedWork, Scenario, Source
from .search import request_refresh

LIBRARY_MODELS = (Case, Source, CaseFactor, Factor, ProtectedWork, Scenario)


@receiver(post_save, sender=Case)
def case_saved(sender: type[Case], instance: Case, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        request_refresh(instance.pk)


@receiver(pre_save, sender=Case)
def case_material_change(
    sender: type[Case], instance: Case, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """A change in substance to the holding, outcome or status stamps ``material_changed_at``
    (a new decision is not a change: no report cited it before)."""
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(MATERIAL_FIELDS):
        return
    old = Case.objects.filter(pk=instance.pk).values(*MATERIAL_FIELDS).first()
    if old is None:
        return
    new = {field: getattr(instance, field) for field in MATERIAL_FIELDS}
    if changed_in_substance(old, new):
        instance.material_changed_at = timezone.now()


@receiver(pre_save, sender=CaseFactor)
def case_factor_material_change(
    sender: type[CaseFactor], instance: CaseFactor, raw: bool = False, **kwargs: Any
) -> None:
    """A factor added to a decision, or treated otherwise, changes what the decision says."""
    if raw:
        return
    old = (
        CaseFactor.objects.filter(pk=instance.pk).values("factor_id", "treatment").first()
        if instance.pk
        else None
    )
    if old is not None and old == {
        "factor_id": instance.factor_id,
        "treatment": instance.treatment,
    }:
        return
    if not Case.objects.filter(pk=instance.case_id, case_factors__isnull=False).exists():
        return  # a new decision's first factors: nothing cited it with other ones
    Case.objects.filter(pk=instance.case_id).update(material_changed_at=timezone.now())


@receiver(post_delete, sender=CaseFactor)
def case_factor_removed(
    sender: type[CaseFactor], instance: CaseFactor, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        Case.objects.filter(pk=instance.case_id).update(material_changed_at=timezone.now())


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

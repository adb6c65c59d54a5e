"""API tokens die with the password: a changed or reset password revokes every token."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import post_save, pre_save


def _remember_password(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_changed = old is not None and old != instance.password


def _revoke_tokens(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if not created and getattr(instance, "_password_changed", False):
        from knox.models import AuthToken

        AuthToken.objects.filter(user=instance).delete()
        instance._password_changed = False


def connect() -> None:
    user = get_user_model()
    pre_save.connect(_remember_password, sender=user, dispatch_uid="accounts.password_before")
    post_save.connect(_revoke_tokens, sender=user, dispatch_uid="accounts.tokens_revoked")

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from .roles import CURATOR_PERMISSIONS, Role


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    groups = {role.value: Group.objects.get_or_create(name=role.value)[0] for role in Role}
    wanted = Permission.objects.filter(
        content_type__app_label__in=CURATOR_PERMISSIONS.keys(),
        content_type__model__in=[m for ms in CURATOR_PERMISSIONS.values() for m in ms],
    )
    groups[Role.CURATOR].permissions.set(wanted)
    return groups


def user_role(user: AbstractBaseUser) -> str | None:
    names = set(user.groups.values_list("name", flat=True))  # type: ignore[attr-defined]
    for role in (Role.CURATOR, Role.LAWYER, Role.CREATOR):
        if role.value in names:
            return role.value
    return None


@transaction.atomic
def user_create_with_role(
    *, username: str, password: str, role: Role, email: str = ""
) -> AbstractBaseUser:
    groups = roles_ensure()
    user = get_user_model().objects.create_user(username=username, password=password, email=email)
    user.groups.add(groups[role])
    if role == Role.CURATOR:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return user

from typing import Any

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .roles import Role


class SignUpForm(UserCreationForm):
    """Creators and lawyers sign up themselves; curators are appointed by an administrator."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from assessments.forms import label_suffix

        kwargs.setdefault("label_suffix", label_suffix())
        super().__init__(*args, **kwargs)

    email = forms.EmailField(label=_("E-mail"), required=False, help_text=_("For password resets."))
    role = forms.ChoiceField(
        label=_("I am"),
        choices=[(Role.CREATOR.value, _("a creator")), (Role.LAWYER.value, _("a lawyer"))],
        widget=forms.RadioSelect,
        initial=Role.CREATOR.value,
    )

    class Meta(UserCreationForm.Meta):
        fields = ("username", "email")

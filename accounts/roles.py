"""The three kinds of users. A role is a Django group; curators are also staff (admin access)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CREATOR = "creator", _("Creator")
    LAWYER = "lawyer", _("Lawyer")
    CURATOR = "curator", _("Curator")


# What a curator may do in the admin: curate the case library and the lexicon, nothing else.
CURATOR_PERMISSIONS = {
    "cases": ["case", "source", "factor", "casefactor", "scenario", "protectedwork"],
}

"""Template filters for punctuation that differs between the pages' languages (built in to every
template through the TEMPLATES setting)."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def parenthesised(value: object) -> str:
    """``value`` in parentheses as the reader's language writes them (full-width in Chinese)."""
    return gettext("(%(text)s)") % {"text": value}

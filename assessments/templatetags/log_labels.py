"""Template filters that show a creation log's codes as words."""

from django import template
from django.utils.translation import get_language

from assessments import labels

register = template.Library()


@register.filter
def source_format(code: object) -> object:
    return labels.label(labels.SOURCE_FORMATS, code)


@register.filter
def action(code: object) -> object:
    return labels.label(labels.ACTIONS, code)


@register.filter
def provenance_actions(codes: object) -> object:
    """The actions a Content Credentials manifest declares, in words, each once, in order."""
    seen: list[object] = []
    for code in codes or []:  # type: ignore[attr-defined]
        word = labels.label(labels.PROVENANCE_ACTIONS, code)
        if word not in seen:
            seen.append(word)
    return seen


@register.filter
def signature_check(provenance: object) -> tuple[object, list[str]]:
    """(words, codes) for a provenance record's signature check; see labels.signature_check."""
    return labels.signature_check(
        getattr(provenance, "validation_state", None),
        list(getattr(provenance, "validation_codes", None) or []),
        detached=bool(getattr(provenance, "detached", False)),
    )


@register.filter
def step_note(note: object) -> object:
    return labels.step_note(note)


@register.filter
def prompt_author(code: object) -> object:
    return labels.PROMPT_AUTHORS.get(str(code), "")


@register.filter
def prompt_role(code: object) -> object:
    return labels.label(labels.PROMPT_ROLES, code)


@register.filter
def input_role(code: object) -> object:
    return labels.label(labels.INPUT_ROLES, code)


@register.filter
def input_origin(code: object) -> object:
    return labels.label(labels.INPUT_ORIGINS, code)


@register.filter
def warning_meaning(warning: object) -> object:
    found = labels.WARNINGS.get(str(getattr(warning, "code", "")))
    if found:
        return found[0]
    if (get_language() or "").startswith("zh"):
        # The parser's messages are in English only: a Chinese page says what they mean.
        return labels.OTHER_WARNING
    return getattr(warning, "message", "")


@register.filter
def warning_todo(warning: object) -> object:
    found = labels.WARNINGS.get(str(getattr(warning, "code", "")))
    return found[1] if found else ""

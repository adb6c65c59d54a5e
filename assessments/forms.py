"""Forms of the assessment pages. They validate input; the services do the work."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .rules import JURISDICTIONS

TRISTATE = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


class AssessmentCreateForm(forms.Form):
    title = forms.CharField(label=_("Title of the work"), max_length=300, required=False)


class IntakeForm(forms.Form):
    """One page of the intake; every answer but the jurisdictions may stay unknown."""

    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions"),
        choices=[(j, j) for j in JURISDICTIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=list(JURISDICTIONS),
    )
    work_kind = forms.ChoiceField(
        label=_("Kind of work"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("image", _("Image")),
            ("comic", _("Comic")),
            ("text", _("Text")),
            ("video", _("Video")),
            ("music", _("Music")),
            ("other", _("Other")),
        ],
    )
    author_name = forms.CharField(label=_("Claimed author"), max_length=300, required=False)
    author_kind = forms.ChoiceField(
        label=_("The author is"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("natural_person", _("a natural person")),
            ("legal_person", _("a legal person")),
            ("ai", _("the AI")),
        ],
        help_text=_(
            "Why this is asked: F14, a work needs a human (or organising legal person) author."
        ),
    )
    human_contribution = forms.CharField(
        label=_("The human process, in the client's words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why this is asked: F1, the creative plan before generating (Li v. Liu)."),
    )
    post_editing = forms.ChoiceField(
        label=_("Editing after generation"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("none", _("None")),
            ("minor", _("Minor")),
            ("substantial", _("Substantial")),
        ],
        help_text=_("Why this is asked: F8, human modifications are protectable everywhere."),
    )
    post_editing_description = forms.CharField(
        label=_("What was edited"), required=False, max_length=5000
    )
    own_inputs = forms.ChoiceField(
        label=_("Own drawings or photos used as input"), choices=TRISTATE, required=False
    )
    arrangement = forms.ChoiceField(
        label=_("Outputs arranged into a larger work"), choices=TRISTATE, required=False
    )
    evidence_retained = forms.ChoiceField(
        label=_("Original records kept"), choices=TRISTATE, required=False
    )
    evidence_contemporaneous = forms.ChoiceField(
        label=_("Records made at the time (not re-created later)"),
        choices=TRISTATE,
        required=False,
        help_text=_("Why this is asked: F10, Chinese courts reject re-creations after the fact."),
    )
    ai_tool_terms_assign_rights_to_user = forms.ChoiceField(
        label=_("The AI tool's terms leave the rights to the user"),
        choices=TRISTATE,
        required=False,
    )
    labelled_as_ai = forms.ChoiceField(
        label=_("Labelled as AI-generated"), choices=TRISTATE, required=False
    )
    dispute = forms.ChoiceField(label=_("There is a dispute"), choices=TRISTATE, required=False)

    BOOLEANS = (
        "own_inputs",
        "arrangement",
        "evidence_retained",
        "evidence_contemporaneous",
        "ai_tool_terms_assign_rights_to_user",
        "labelled_as_ai",
        "dispute",
    )

    @classmethod
    def initial_from(cls, intake: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {
            k: v
            for k, v in intake.items()
            if k in ("jurisdictions", "work_kind", "human_contribution")
        }
        author = intake.get("claimed_author") or {}
        initial["author_name"], initial["author_kind"] = (
            author.get("name", ""),
            author.get("kind", ""),
        )
        editing = intake.get("post_editing") or {}
        initial["post_editing"] = editing.get("extent", "")
        initial["post_editing_description"] = editing.get("description", "")
        for key in cls.BOOLEANS:
            if intake.get(key) is not None:
                initial[key] = "yes" if intake[key] else "no"
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("author_kind") and not data.get("author_name"):
            self.add_error("author_name", _("Name the author, or leave the kind unknown."))
        return data

    def intake(self) -> dict[str, Any]:
        data = self.cleaned_data
        intake: dict[str, Any] = {"jurisdictions": data["jurisdictions"]}
        if data.get("work_kind"):
            intake["work_kind"] = data["work_kind"]
        if data.get("author_name") and data.get("author_kind"):
            intake["claimed_author"] = {"name": data["author_name"], "kind": data["author_kind"]}
        if data.get("human_contribution"):
            intake["human_contribution"] = data["human_contribution"]
        if data.get("post_editing"):
            intake["post_editing"] = {"extent": data["post_editing"]}
            if data.get("post_editing_description"):
                intake["post_editing"]["description"] = data["post_editing_description"]
        for key in self.BOOLEANS:
            if data.get(key):
                intake[key] = data[key] == "yes"
        return intake

"""Forms of the assessment pages. They validate input; the services do the work."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .rules import JURISDICTIONS
from .rules.ruleset import measures

JURISDICTION_NAMES = {
    "CN": _("China"),
    "US": _("United States"),
    "EU": _("European Union"),
    "UK": _("United Kingdom"),
}


def other_countries() -> list[tuple[str, str]]:
    """The countries the app does not assess, named in the reader's language."""
    chinese = (get_language() or "").startswith("zh")
    return [(code, name.zh if chinese else name.en) for code, name in measures().countries.items()]


TRISTATE = [("", _("Unknown")), ("yes", _("Yes")), ("no", _("No"))]


def label_suffix() -> str:
    """The colon after a label in the reader's language: full-width in Chinese (Django's own
    catalogue leaves it half-width)."""
    return "：" if (get_language() or "").lower().startswith("zh") else ":"


class LocalisedForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", label_suffix())
        super().__init__(*args, **kwargs)


class AssessmentCreateForm(LocalisedForm):
    title = forms.CharField(label=_("Title of the work"), max_length=300, required=False)


class IntakeForm(LocalisedForm):
    """One page of the intake; every answer but the jurisdictions may stay unknown."""

    work_title = forms.CharField(label=_("Title of the work"), max_length=300, required=False)
    purposes = forms.MultipleChoiceField(
        label=_("What the work is used for"),
        choices=[
            ("personal", _("Personal use")),
            ("portfolio", _("Portfolio")),
            ("publication", _("Publication")),
            ("merchandise", _("Commercial merchandise")),
            ("advertising", _("Advertising")),
            ("prints", _("Sale of prints")),
            ("parody", _("Parody or commentary")),
        ],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Merchandise, advertising and prints are commercial exploitation: the infringement "
            "risk of a protected work or another's image is then one level higher. Parody or "
            "commentary is stated with the law that may apply; it never lowers a risk."
        ),
    )
    purpose = forms.CharField(
        label=_("Purpose (registration, licence, dispute…)"), max_length=2000, required=False
    )
    published_on = forms.DateField(
        label=_("First published on"), required=False, help_text=_("YYYY-MM-DD")
    )
    jurisdictions = forms.MultipleChoiceField(
        label=_("Jurisdictions"),
        choices=[(j, JURISDICTION_NAMES[j]) for j in JURISDICTIONS],
        widget=forms.CheckboxSelectMultiple,
        initial=list(JURISDICTIONS),
    )
    other_jurisdictions = forms.MultipleChoiceField(
        label=_("Other countries where the work is published, sold or may be enforced"),
        required=False,
        choices=other_countries,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "These are not assessed: the report names them as not assessed and cites the "
            "library's sources on them for counsel there."
        ),
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
        help_text=_("A work needs a human author, or a legal person that organised its making."),
    )
    human_contribution = forms.CharField(
        label=_("The human process, in the client's words"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "The creative plan before generating: what the client meant to show, and how the "
            "prompts, settings and choices served it (Li v. Liu)."
        ),
    )
    post_editing = forms.ChoiceField(
        label=_("Editing after generation"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("none", _("None")),
            ("minor", _("Minor: a crop, a colour correction, a removed artefact")),
            ("moderate", _("Details reworked by hand: parts retouched or repainted")),
            ("substantial", _("Substantial: large parts repainted or redrawn")),
        ],
        help_text=_(
            "What the client modified by hand can be the client's own expression, where it is "
            "more than trivial (USCO guidance 2023)."
        ),
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
        help_text=_(
            "Chinese courts reject records re-created after the fact (Zhou, the cat pendant "
            "case, 2025)."
        ),
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
    dispute_began_on = forms.DateField(
        label=_("The dispute began on"),
        required=False,
        help_text=_(
            "YYYY-MM-DD. Records all made after this date are a re-creation: they do not show the "
            "process."
        ),
    )
    rounds = forms.IntegerField(
        label=_("Rounds of revision after seeing an output"),
        required=False,
        min_value=0,
        max_value=1_000_000,
        help_text=_("Re-running the same prompt with a new seed is not a round."),
    )
    prompt_changes = forms.CharField(
        label=_("How the prompts changed between rounds"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    candidates = forms.IntegerField(
        label=_("Candidate outputs seen"), required=False, min_value=0, max_value=10_000_000
    )
    selection_reason = forms.CharField(
        label=_("How and why the kept output was chosen"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Several random outputs are not a choice unless something shows why one was kept."
        ),
    )
    regional_edits = forms.IntegerField(
        label=_("Region-level edits (inpainting with masks drawn by hand)"),
        required=False,
        min_value=0,
        max_value=1_000_000,
    )
    own_input_description = forms.CharField(
        label=_("What own drawing or photograph was used, and how much of it survives"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    post_editing_hours = forms.FloatField(
        label=_("Hours spent editing by hand"), required=False, min_value=0, max_value=100000
    )
    before_after_files = forms.ChoiceField(
        label=_("The files before and after editing are kept"), choices=TRISTATE, required=False
    )
    text_rewritten_share = forms.IntegerField(
        label=_("For a text: the percentage the author wrote or rewrote"),
        required=False,
        min_value=0,
        max_value=100,
    )
    operator = forms.ChoiceField(
        label=_("Who operated the AI tool"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("claimant", _("the claimant")),
            ("employee", _("an employee of the claimant")),
            ("commissioned", _("someone commissioned by the claimant")),
            ("other", _("someone else")),
        ],
    )
    tool_role = forms.ChoiceField(
        label=_("What the AI or software did"),
        required=False,
        choices=[
            ("", _("Unknown")),
            ("generated", _("It generated the content from the client's instructions (prompts)")),
            (
                "assisted",
                _(
                    "It only carried out the client's own choices of forms, colours and framing "
                    "(an editing, drawing, rendering or fractal program)"
                ),
            ),
        ],
        help_text=_(
            "A tool that only carried out the author's choices leaves the work the author's "
            "(USCO guidance 2023; Cassazione 2023); the logs are checked against this answer."
        ),
    )
    final_file = forms.CharField(
        label=_("The file that is the final work (its name)"), required=False, max_length=300
    )

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
            if k
            in (
                "jurisdictions",
                "work_kind",
                "human_contribution",
                "work_title",
                "purpose",
                "published_on",
                "dispute_began_on",
                "rounds",
                "prompt_changes",
                "candidates",
                "selection_reason",
                "regional_edits",
                "own_input_description",
                "operator",
                "tool_role",
                "final_file",
                "other_jurisdictions",
                "purposes",
            )
        }
        if intake.get("text_rewritten_share") is not None:
            initial["text_rewritten_share"] = round(100 * intake["text_rewritten_share"])
        author = intake.get("claimed_author") or {}
        initial["author_name"], initial["author_kind"] = (
            author.get("name", ""),
            author.get("kind", ""),
        )
        editing = intake.get("post_editing") or {}
        initial["post_editing"] = editing.get("extent", "")
        initial["post_editing_description"] = editing.get("description", "")
        initial["post_editing_hours"] = editing.get("hours")
        if editing.get("before_after_files") is not None:
            initial["before_after_files"] = "yes" if editing["before_after_files"] else "no"
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
        intake: dict[str, Any] = {}
        if data.get("jurisdictions"):
            intake["jurisdictions"] = data["jurisdictions"]
        if data.get("other_jurisdictions"):
            intake["other_jurisdictions"] = data["other_jurisdictions"]
        if data.get("purposes"):
            intake["purposes"] = data["purposes"]
        for key in ("work_title", "purpose"):
            if data.get(key):
                intake[key] = data[key]
        if "work_title" in self.fields and not data.get("work_title"):
            # Cleared on purpose: the work is untitled, not called what the assessment is.
            intake["work_title"] = ""
        if data.get("published_on"):
            intake["published_on"] = data["published_on"].isoformat()
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
            if data.get("post_editing_hours") is not None:
                intake["post_editing"]["hours"] = data["post_editing_hours"]
            if data.get("before_after_files"):
                intake["post_editing"]["before_after_files"] = data["before_after_files"] == "yes"
        if data.get("dispute_began_on"):
            intake["dispute_began_on"] = data["dispute_began_on"].isoformat()
        for key in (
            "rounds",
            "candidates",
            "regional_edits",
        ):
            if data.get(key) is not None:
                intake[key] = data[key]
        for key in (
            "prompt_changes",
            "selection_reason",
            "own_input_description",
            "operator",
            "tool_role",
            "final_file",
        ):
            if data.get(key):
                intake[key] = data[key]
        if data.get("text_rewritten_share") is not None:
            intake["text_rewritten_share"] = data["text_rewritten_share"] / 100
        for key in self.BOOLEANS:
            if data.get(key):
                intake[key] = data[key] == "yes"
        return intake


# The guided intake: the steps a lawyer goes through, each with the factor it serves. A step whose
# answers cannot change any verdict (only ownership or recommendations) is optional.
STEPS: list[dict[str, Any]] = [
    {
        "slug": "about",
        "title": _("The work"),
        "fields": ["work_title", "work_kind"],
        "why": _("Identifies the work in the report and the filing text."),
        "optional": False,
    },
    {
        "slug": "files",
        "title": _("The files"),
        "fields": ["final_file"],
        "why": _(
            "Records of the process made at the time are what courts rely on: the tool's files, "
            "the images with their metadata, the workflow or the history (Li v. Liu); without "
            "them, Chinese courts deny protection in a dispute, and so did a Czech court "
            "(Zhangjiagang 2025; Prague 2023). Name the file that is the final work, so that the "
            "report reads the process up to it."
        ),
        "optional": False,
    },
    {
        "slug": "authorship",
        "title": _("The client and authorship"),
        "fields": ["author_name", "author_kind", "operator"],
        "why": _(
            "A work needs a human author, or a legal person that organised its making (Thaler; "
            "Feilin v. Baidu)."
        ),
        "optional": False,
    },
    {
        "slug": "tools",
        "title": _("AI tools and their terms"),
        "fields": ["tool_role", "ai_tool_terms_assign_rights_to_user"],
        "why": _(
            "What the tool did decides whether the work is the client's (USCO guidance 2023; "
            "Cassazione 2023); its terms decide who owns the output, not whether it is protected "
            "(Changshu 2024)."
        ),
        "optional": False,
    },
    {
        "slug": "process",
        "title": _("The human process, in the client's words"),
        "fields": ["human_contribution", "rounds", "prompt_changes"],
        "why": _(
            "The creative plan before generating and the revisions after seeing each output "
            "(Li v. Liu); re-rolls of the same prompt are not revisions (Zhangjiagang 2025)."
        ),
        "optional": False,
    },
    {
        "slug": "selection",
        "title": _("Candidates and the choice among them"),
        "fields": ["candidates", "selection_reason", "regional_edits"],
        "why": _(
            "A choice that shows judgement, and regions selected and regenerated one by one, "
            "then arranged (A Single Piece of American Cheese, registered 2025); an unexplained "
            "pick among random outputs is not one."
        ),
        "optional": False,
    },
    {
        "slug": "editing",
        "title": _("Post-editing and arrangement"),
        "fields": [
            "post_editing",
            "post_editing_description",
            "post_editing_hours",
            "before_after_files",
            "text_rewritten_share",
            "arrangement",
        ],
        "why": _(
            "The client's own modifications and arrangement can be protected where they are "
            "more than trivial (USCO guidance 2023; Zarya of the Dawn 2023, where the "
            "arrangement was protected and minor edits were not)."
        ),
        "optional": False,
    },
    {
        "slug": "inputs",
        "title": _("Inputs of the client's own"),
        "fields": ["own_inputs", "own_input_description"],
        "why": _(
            "The client's own expression that stays perceptible in the output (USCO Report, "
            "Part 2; SURYAST)."
        ),
        "optional": False,
    },
    {
        "slug": "publication",
        "title": _("Purpose, publication and labelling"),
        "fields": ["purposes", "purpose", "published_on", "labelled_as_ai"],
        "why": _(
            "Labelling and disclosure duties (China's Labelling Measures 2025; USCO guidance "
            "2023: AI material is disclosed when registering), which do not decide whether the "
            "work is protected; a commercial use raises the infringement risk (Medusa LoRA "
            "2025; Warhol v. Goldsmith 2023)."
        ),
        "optional": True,
    },
    {
        "slug": "dispute",
        "title": _("Dispute and the process records"),
        "fields": ["dispute", "dispute_began_on", "evidence_retained", "evidence_contemporaneous"],
        "why": _(
            "Without records made at the time, Chinese courts deny protection in a dispute, and "
            "so did a Czech court (Zhangjiagang 2025; Prague 2023)."
        ),
        "optional": False,
    },
    {
        "slug": "jurisdictions",
        "title": _("Jurisdictions"),
        "fields": ["jurisdictions", "other_jurisdictions"],
        "why": _(
            "The laws the report answers for; other countries where the work matters are named as "
            "not assessed."
        ),
        "optional": False,
    },
]
STEP_SLUGS = [step["slug"] for step in STEPS]


def step_form(slug: str, *args: Any, **kwargs: Any) -> IntakeForm:
    """The intake form restricted to one step's fields (the others are dropped)."""
    form = IntakeForm(*args, **kwargs)
    fields = next(step["fields"] for step in STEPS if step["slug"] == slug)
    for name in list(form.fields):
        if name not in fields:
            del form.fields[name]
    if slug != "jurisdictions":
        form.fields.pop("jurisdictions", None)
    for name in REPEATED_BY_STEP & set(form.fields):
        # The step's "why" says it already: each question's help is shown once.
        form.fields[name].help_text = ""
    return form


# Fields whose help the wizard's step explains already.
REPEATED_BY_STEP = frozenset(
    {"author_kind", "post_editing", "evidence_contemporaneous", "tool_role"}
)

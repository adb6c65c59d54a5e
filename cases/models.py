"""The case-law library: decisions and guidance that every assessment cites.

Every field carries help_text so that the admin and the API documentation explain themselves.
Every change to a curated row is recorded (django-simple-history: who, when, what).
"""

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .db import SearchDocument
from .library import OPEN_PROCEEDINGS


def _in_language(obj: object, english: str, chinese: str) -> str:
    """The Chinese text when the active language is Chinese and a translation exists."""
    if (get_language() or "en").lower().startswith("zh"):
        value = getattr(obj, chinese, "")
        if value:
            return str(value)
    return str(getattr(obj, english, ""))


def _bilingual(obj: object, field: str) -> str:
    """``field_en``, or ``field_zh`` in Chinese."""
    return _in_language(obj, f"{field}_en", f"{field}_zh")


def _localised(obj: object, field: str) -> str:
    """``field`` (English, no suffix), or ``field_zh`` in Chinese."""
    return _in_language(obj, field, f"{field}_zh")


class Jurisdiction(models.TextChoices):
    CN = "CN", _("China")
    US = "US", _("United States")
    EU = "EU", _("European Union")
    UK = "UK", _("United Kingdom")
    CZ = "CZ", _("Czech Republic")
    DE = "DE", _("Germany")
    IT = "IT", _("Italy")
    IN = "IN", _("India")
    JP = "JP", _("Japan")
    KR = "KR", _("South Korea")


# Member states whose courts apply the EU standard of originality (CJEU case law): a search or a
# ruleset for the EU includes their decisions.
EU_MEMBER_STATES = ("CZ", "DE", "IT")


class IssueType(models.TextChoices):
    COPYRIGHTABILITY = "copyrightability", _("Copyrightability")
    INFRINGEMENT = "infringement", _("Infringement")
    PLATFORM_LIABILITY = "platform_liability", _("Platform liability")
    PERSONALITY_RIGHTS = "personality_rights", _("Personality rights")
    GUIDANCE = "guidance", _("Official guidance")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    PARTIAL = "partial", _("Partial")
    DENIED = "denied", _("Denied")
    LIABLE = "liable", _("Liable")
    NOT_LIABLE = "not_liable", _("Not liable")
    PENDING = "pending", _("Pending")
    GUIDANCE = "guidance", _("Guidance, not a ruling")
    OTHER = "other", _("Other (see holding)")


class Verification(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    PARTIAL = "partially_verified", _("Partially verified")
    CONTEXT = "context", _("Pending / context")


class ProceedingStatus(models.TextChoices):
    """Where the matter stands (distinct from PublicationStatus, which is about the library)."""

    DECIDED = "decided", _("Decided")
    PENDING = "pending", _("Pending")
    ON_APPEAL = "on_appeal", _("On appeal")
    SETTLED = "settled", _("Settled")
    GUIDANCE = "guidance", _("Guidance document")
    STATUTE = "statute", _("Statute")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day")
    MONTH = "month", _("Month")
    YEAR = "year", _("Year")


class CaseQuerySet(models.QuerySet["Case"]):
    def published(self) -> "CaseQuerySet":
        return self.filter(status=PublicationStatus.PUBLISHED)


class Case(models.Model):
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text=_("Stable identifier cited by the rules and reports, e.g. cn-bic-li-v-liu-2023."),
    )
    former_slugs = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Slugs this entry replaces; their pages redirect here."),
    )
    short_name = models.CharField(
        max_length=120, help_text=_("Name lawyers use for the decision, e.g. 'Li v. Liu'.")
    )
    short_name_zh = models.CharField(
        max_length=120, blank=True, help_text=_("The short name in Chinese, e.g. '李某诉刘某案'.")
    )
    citation = models.CharField(
        max_length=500,
        blank=True,
        help_text=_(
            "The decision as a lawyer cites it: name, court, docket, date; for guidance its "
            "title and issuer; for a statute its section."
        ),
    )
    citation_zh = models.CharField(
        max_length=500, blank=True, help_text=_("The citation as a Chinese lawyer writes it.")
    )
    title_en = models.CharField(max_length=400, help_text=_("Full title in English."))
    title_zh = models.CharField(
        max_length=400, blank=True, help_text=_("Full title in Simplified Chinese.")
    )
    jurisdiction = models.CharField(
        max_length=2,
        choices=Jurisdiction.choices,
        db_index=True,
        help_text=_("Country or legal order whose tribunal or agency decided."),
    )
    tribunal = models.CharField(max_length=300, help_text=_("Court, agency or body that decided."))
    tribunal_zh = models.CharField(
        max_length=300, blank=True, help_text=_("The tribunal's name in Chinese.")
    )
    decision_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Date of the decision (first day of the month or year when less precise)."),
    )
    decision_date_precision = models.CharField(
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_("How precise the decision date is."),
    )
    date_note = models.TextField(
        blank=True,
        help_text=_("Further dates (filing, appeal, announcement) and their uncertainty."),
    )
    date_note_zh = models.TextField(blank=True, help_text=_("The further dates, in Chinese."))
    docket = models.CharField(
        max_length=300, blank=True, help_text=_("Docket or reference number, as published.")
    )
    parties = models.CharField(
        max_length=500, blank=True, help_text=_("Parties (or the author and agency for guidance).")
    )
    parties_zh = models.CharField(
        max_length=500, blank=True, help_text=_("The parties as Chinese sources name them.")
    )
    ai_tools = models.JSONField(
        default=list, blank=True, help_text=_('AI tools involved, e.g. ["Stable Diffusion"].')
    )
    issue = models.CharField(
        max_length=20,
        choices=IssueType.choices,
        db_index=True,
        help_text=_("Main legal question the decision answers."),
    )
    outcome = models.CharField(
        max_length=12,
        choices=Outcome.choices,
        db_index=True,
        help_text=_("How the question was answered."),
    )
    proceeding_status = models.CharField(
        max_length=10,
        choices=ProceedingStatus.choices,
        default=ProceedingStatus.DECIDED,
        db_index=True,
        help_text=_(
            "Where the matter stands: decided, pending, on appeal, settled; or guidance, statute."
        ),
    )
    status_as_of = models.DateField(
        null=True, blank=True, help_text=_("When the proceeding status was last confirmed.")
    )
    material_changed_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "When its holding, outcome, status of proceedings or factors last changed in "
            "substance: reports that cite it from before then are marked."
        ),
    )
    next_step_en = models.TextField(
        blank=True,
        help_text=_("For a pending matter, the next step known (hearing, ruling awaited)."),
    )
    next_step_zh = models.TextField(blank=True, help_text=_("The next step, in Chinese."))
    holding_en = models.TextField(help_text=_("The holding in one or two sentences, in English."))
    holding_zh = models.TextField(blank=True, help_text=_("The holding in Simplified Chinese."))
    summary_en = models.TextField(
        blank=True, help_text=_("Facts, human input, reasoning and decisive factors, in English.")
    )
    summary_zh = models.TextField(blank=True, help_text=_("The summary in Simplified Chinese."))
    verification = models.CharField(
        max_length=20,
        choices=Verification.choices,
        help_text=_("How well the facts were confirmed against the sources read."),
    )
    unverified_fields = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Fields whose value rests on a single secondary source (shown as UNVERIFIED)."),
    )
    status = models.CharField(
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Only published decisions are visible outside the admin and citable."),
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the decision was last published.")
    )
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text=_("Lower-cased text of the case and its sources, maintained for search."),
    )
    search_cjk = models.TextField(
        blank=True,
        editable=False,
        help_text=_(
            "The Chinese (and Japanese, Korean) runs of search_text cut into overlapping character "
            "pairs, so that a word index can find Chinese words, which have no spaces."
        ),
    )
    search_vector = models.GeneratedField(
        expression=SearchDocument(),
        output_field=SearchVectorField(),
        db_persist=True,
        help_text=_("Indexed search vector (PostgreSQL), computed by the database."),
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When the row was created."))
    updated_at = models.DateTimeField(auto_now=True, help_text=_("When the row last changed."))

    history = HistoricalRecords(excluded_fields=["search_text", "search_cjk", "search_vector"])
    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-decision_date", "slug"]
        indexes = [
            # The list's order; also how a search too broad to rank whole picks its candidates.
            models.Index(fields=["-decision_date", "slug"], name="case_date_slug_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(jurisdiction__in=Jurisdiction.values), name="case_jurisdiction_valid"
            ),
            models.CheckConstraint(
                condition=Q(issue__in=IssueType.values), name="case_issue_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="case_outcome_valid"
            ),
            models.CheckConstraint(
                condition=Q(verification__in=Verification.values), name="case_verification_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="case_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=PublicationStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="case_published_has_date",
            ),
            models.CheckConstraint(condition=~Q(slug=""), name="case_slug_not_empty"),
            models.CheckConstraint(
                condition=Q(proceeding_status__in=ProceedingStatus.values),
                name="case_proceeding_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.slug})"

    @property
    def lexicon_named(self) -> list["ProtectedWork"]:
        """Lexicon entries this decision itself names (a stored quotation shows it)."""
        return [w for w in self.protected_works.all() if w.named_in_decision]

    @property
    def lexicon_by_principle(self) -> list["ProtectedWork"]:
        """Lexicon entries that cite this decision for its principle only."""
        return [w for w in self.protected_works.all() if not w.named_in_decision]

    @property
    def title(self) -> str:
        return _bilingual(self, "title")

    @property
    def holding(self) -> str:
        return _bilingual(self, "holding")

    @property
    def name(self) -> str:
        """The short name in the active language."""
        return _localised(self, "short_name")

    @property
    def cited_as(self) -> str:
        """The citation in the active language."""
        return _localised(self, "citation") or self.name

    @property
    def tribunal_name(self) -> str:
        return _localised(self, "tribunal")

    @property
    def parties_named(self) -> str:
        return _localised(self, "parties")

    @property
    def date_note_text(self) -> str:
        return _localised(self, "date_note")

    @property
    def next_step(self) -> str:
        return _bilingual(self, "next_step")

    @property
    def is_open(self) -> bool:
        return self.proceeding_status in OPEN_PROCEEDINGS  # cases/library.py

    @property
    def summary(self) -> str:
        return _bilingual(self, "summary")

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def decision_date_display(self) -> str:
        if self.decision_date is None:
            return ""
        if self.decision_date_precision == DatePrecision.YEAR:
            return f"{self.decision_date:%Y}"
        if self.decision_date_precision == DatePrecision.MONTH:
            return f"{self.decision_date:%Y-%m}"
        return self.decision_date.isoformat()


class SourceKind(models.TextChoices):
    OFFICIAL = "official", _("Official (court or agency)")
    JUDGMENT_TEXT = "judgment_text", _("Full text of the decision")
    SECONDARY = "secondary", _("Secondary (law firm, journal, news)")
    DATASET = "dataset", _("Dataset")


class Source(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="sources",
        help_text=_("Decision this source documents."),
    )
    url = models.URLField(max_length=600, help_text=_("Address of the source."))
    title = models.CharField(max_length=400, blank=True, help_text=_("Title of the source."))
    publisher = models.CharField(
        max_length=300, blank=True, help_text=_("Who published it: court, office, firm, journal.")
    )
    published_on = models.DateField(
        null=True, blank=True, help_text=_("Date of the source (blank when undated).")
    )
    language = models.CharField(
        max_length=10, default="en", help_text=_("Language of the source (BCP 47, e.g. en, zh).")
    )
    kind = models.CharField(
        max_length=20,
        choices=SourceKind.choices,
        default=SourceKind.SECONDARY,
        help_text=_("What kind of source it is; official sources weigh more."),
    )
    accessed_on = models.DateField(
        null=True, blank=True, help_text=_("When a curator last read it (blank if not recorded).")
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text=_("Order of the source in the list.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "url"], name="source_unique_per_case"),
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Factor(models.Model):
    code = models.CharField(
        max_length=4, unique=True, help_text=_("Catalogue id, F1 to F14 (DESIGN.md).")
    )
    position = models.PositiveSmallIntegerField(help_text=_("Order in the catalogue."))
    name_en = models.CharField(max_length=200, help_text=_("Name of the factor in English."))
    name_zh = models.CharField(max_length=200, help_text=_("Name of the factor in Chinese."))
    question_en = models.TextField(help_text=_("The question the factor asks, in English."))
    question_zh = models.TextField(help_text=_("The question the factor asks, in Chinese."))
    evidence_en = models.CharField(
        max_length=300, blank=True, help_text=_("Where the evidence for it comes from.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^F[0-9]{1,2}$"), name="factor_code_form"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"

    @property
    def name(self) -> str:
        return _bilingual(self, "name")

    @property
    def question(self) -> str:
        return _bilingual(self, "question")


class Treatment(models.TextChoices):
    SUPPORTS = "supports_protection", _("Supports protection")
    AGAINST = "against_protection", _("Against protection")
    INFRINGEMENT = "infringement", _("Infringement")
    LIABILITY = "liability", _("Liability")


class CaseFactor(models.Model):
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        related_name="case_factors",
        help_text=_("The decision."),
    )
    factor = models.ForeignKey(
        Factor,
        on_delete=models.PROTECT,
        related_name="case_factors",
        help_text=_("The factor the decision treated."),
    )
    treatment = models.CharField(
        max_length=20,
        choices=Treatment.choices,
        help_text=_("How the decision treated the factor."),
    )
    note_en = models.TextField(blank=True, help_text=_("What the decision said, in English."))
    note_zh = models.TextField(blank=True, help_text=_("What the decision said, in Chinese."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["case", "factor__position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "factor"], name="casefactor_unique"),
            models.CheckConstraint(
                condition=Q(treatment__in=Treatment.values), name="casefactor_treatment_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.slug} {self.factor.code} {self.treatment}"

    @property
    def note(self) -> str:
        return _bilingual(self, "note")


class Scenario(models.Model):
    """The human-input facts of a decision, as the rules read them (caselaw scenarios.json)."""

    case = models.OneToOneField(
        Case,
        on_delete=models.CASCADE,
        related_name="scenario",
        help_text=_("The decision these facts come from."),
    )
    work_type = models.CharField(max_length=100, blank=True, help_text=_("Kind of work claimed."))
    work_type_zh = models.CharField(
        max_length=100, blank=True, help_text=_("Kind of work claimed, in Chinese.")
    )
    claimed_subject = models.CharField(
        max_length=300, blank=True, help_text=_("What protection was claimed for.")
    )
    claimed_subject_zh = models.CharField(
        max_length=300, blank=True, help_text=_("What protection was claimed for, in Chinese.")
    )
    human_input = models.JSONField(
        default=dict,
        help_text=_(
            "Human-input facts: prompts, specificity, negative prompts, parameter changes, "
            "iterations, post-editing, selection, own material, process evidence, "
            "reproducibility. null means unknown or unverified."
        ),
    )
    human_input_zh = models.JSONField(
        default=dict,
        blank=True,
        help_text=_("The Chinese of each free-text note of the human-input facts."),
    )
    real_outcome = models.CharField(
        max_length=30, help_text=_("Outcome as decided (granted, partial, denied, ...).")
    )
    outcome_scope = models.TextField(blank=True, help_text=_("What exactly was decided."))
    outcome_scope_zh = models.TextField(
        blank=True, help_text=_("What exactly was decided, in Chinese.")
    )
    decisive_factors = models.JSONField(
        default=list, blank=True, help_text=_("The factors the tribunal named as decisive.")
    )
    decisive_factors_zh = models.JSONField(
        default=list, blank=True, help_text=_("The decisive factors, in Chinese (same order).")
    )
    use_as_test = models.BooleanField(
        default=True,
        help_text=_(
            "Whether the rules must reproduce this outcome (false without a final ruling)."
        ),
    )
    unverified_fields = models.JSONField(
        default=list, blank=True, help_text=_("Facts that rest on a single secondary source.")
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Scenario of {self.case.slug}"

    @property
    def decisive(self) -> list[str]:
        """The decisive factors in the active language."""
        chinese = (get_language() or "en").lower().startswith("zh")
        return list(
            self.decisive_factors_zh
            if chinese and self.decisive_factors_zh
            else self.decisive_factors
        )

    def note(self, key: str) -> object:
        """A human-input fact; its free-text notes in Chinese when the page is Chinese."""
        facts = self.human_input if isinstance(self.human_input, dict) else {}
        notes = self.human_input_zh if isinstance(self.human_input_zh, dict) else {}
        value = facts.get(key)
        if isinstance(value, str) and (get_language() or "en").lower().startswith("zh"):
            return notes.get(key) or value
        return value

    @property
    def work_type_text(self) -> str:
        return _localised(self, "work_type")

    @property
    def claimed_subject_text(self) -> str:
        return _localised(self, "claimed_subject")

    @property
    def outcome_scope_text(self) -> str:
        return _localised(self, "outcome_scope")


class ProtectedWorkKind(models.TextChoices):
    CHARACTER = "character", _("Character")
    ARTWORK = "artwork", _("Artwork")
    BRAND = "brand", _("Brand")
    ARTIST = "artist", _("Artist")


class ProtectedWork(models.Model):
    """An entry of the lexicon that the infringement screen matches prompts against."""

    name = models.CharField(max_length=200, unique=True, help_text=_("Canonical name."))
    aliases_en = models.JSONField(
        default=list, blank=True, help_text=_("English names and spellings to match.")
    )
    aliases_zh = models.JSONField(default=list, blank=True, help_text=_("Chinese names to match."))
    owner = models.CharField(max_length=300, blank=True, help_text=_("Rights holder."))
    kind = models.CharField(
        max_length=10, choices=ProtectedWorkKind.choices, help_text=_("What is protected.")
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.PROTECT,
        related_name="protected_works",
        help_text=_("Decision the risk is cited from."),
    )
    named_in_decision = models.BooleanField(
        default=False,
        help_text=_(
            "True when the decision itself names this work; false when the decision states "
            "the principle (outputs substantially similar to a well-known character) that "
            "applies to it."
        ),
    )
    name_quotation = models.TextField(
        blank=True,
        help_text=_(
            "Words of a source showing that the decision names the work (required when named)."
        ),
    )
    name_quotation_source = models.URLField(
        max_length=500, blank=True, help_text=_("The address of the source of the quotation.")
    )
    traits = models.JSONField(
        null=True,
        blank=True,
        help_text=_(
            "For a character: its distinctive traits in English and Chinese, how many a prompt "
            "must have (threshold) and which it cannot lack (essential), with the basis."
        ),
    )
    negative = models.JSONField(
        default=list,
        blank=True,
        help_text=_(
            'Phrases in which a name stands for something else ("his minions", "Batman, '
            'Turkey"): a name found only inside them is not flagged. One per line.'
        ),
    )
    note = models.CharField(max_length=300, blank=True, help_text=_("Curator's note."))

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ProtectedWorkKind.values), name="protectedwork_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """What the loader refuses, the admin refuses too, naming the entry and the problem."""
        from django.core.exceptions import ValidationError
        from pydantic import ValidationError as DataError

        from .library import ProtectedWorkData

        try:
            ProtectedWorkData(
                name=self.name,
                aliases_en=list(self.aliases_en or []),
                aliases_zh=list(self.aliases_zh or []),
                kind=self.kind,
                case=self.case.slug if self.case_id else "",
                named_in_decision=self.named_in_decision,
                name_quotation=self.name_quotation,
                name_quotation_source=self.name_quotation_source,
                traits=self.traits,
                negative=list(self.negative or []),
            )
        except DataError as exc:
            raise ValidationError(
                f"{self.name}: " + "; ".join(_where(e) for e in exc.errors())
            ) from exc


def _where(error: Any) -> str:
    """A pydantic error as a curator reads it: the field, then the problem."""
    place = ".".join(str(p) for p in error["loc"])
    return f"{place}: {error['msg']}" if place else str(error["msg"])


def _reference_path(instance: "ProtectedWorkReference", filename: str) -> str:
    return f"lexicon/{instance.sha256 or 'new'}"


class ProtectedWorkReference(models.Model):
    """A curator's reference image of a lexicon entry: the screen compares the final image with
    it by perceptual hash (near-copies only)."""

    protected_work = models.ForeignKey(
        ProtectedWork,
        on_delete=models.CASCADE,
        related_name="references",
        help_text=_("The lexicon entry the image shows."),
    )
    label = models.CharField(max_length=200, help_text=_("What the image shows, and its source."))
    image = models.FileField(upload_to=_reference_path, help_text=_("PNG, JPEG, WebP or GIF."))
    sha256 = models.CharField(max_length=64, editable=False, help_text=_("SHA-256 of the file."))
    phash = models.CharField(max_length=16, editable=False, help_text=_("Perceptual hash."))

    class Meta:
        ordering = ["protected_work", "label"]

    def __str__(self) -> str:
        return f"{self.protected_work}: {self.label}"

    def clean(self) -> None:
        """Refused, naming the entry: a file that is not an image, or one too large to hash."""
        from django.core.exceptions import ValidationError

        from .references import ReferenceImageError, reference_hashes

        if not self.image:
            return
        self.image.seek(0)
        data = self.image.read(REFERENCE_MAX_BYTES + 1)
        name = self.protected_work.name if self.protected_work_id else "(new entry)"
        try:
            self.sha256, self.phash = reference_hashes(data, REFERENCE_MAX_BYTES)
        except ReferenceImageError as exc:
            raise ValidationError({"image": f"{name}: {exc}"}) from exc
        self.image.seek(0)


REFERENCE_MAX_BYTES = 20 * 1024 * 1024

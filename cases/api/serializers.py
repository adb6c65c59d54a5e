import copy
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.links import case_page_url
from cases.models import Case, CaseFactor, Factor, ProtectedWork, Scenario, Source


class BuiltOnce:
    """A ModelSerializer reads its model's fields to build its own on every instance, which for
    the case library's serializers costs more than the query they serialize. The fields are
    built once per class and copied afterwards (the copy is what DRF hands each instance)."""

    _built: dict[type, Any] = {}

    def get_fields(self) -> Any:
        cls = type(self)
        built = BuiltOnce._built.get(cls)
        if built is None:
            built = BuiltOnce._built[cls] = super().get_fields()  # type: ignore[misc]
        return copy.deepcopy(built)


class SourceSerializer(BuiltOnce, serializers.ModelSerializer[Source]):
    class Meta:
        model = Source
        fields = ["url", "title", "publisher", "published_on", "language", "kind", "accessed_on"]


class CaseFactorSerializer(BuiltOnce, serializers.ModelSerializer[CaseFactor]):
    code = serializers.CharField(source="factor.code")
    name_en = serializers.CharField(source="factor.name_en")
    name_zh = serializers.CharField(source="factor.name_zh")

    class Meta:
        model = CaseFactor
        fields = ["code", "name_en", "name_zh", "treatment", "note_en", "note_zh"]


class ScenarioSerializer(BuiltOnce, serializers.ModelSerializer[Scenario]):
    class Meta:
        model = Scenario
        fields = [
            "work_type",
            "work_type_zh",
            "claimed_subject",
            "claimed_subject_zh",
            "human_input",
            "human_input_zh",
            "real_outcome",
            "outcome_scope",
            "outcome_scope_zh",
            "decisive_factors",
            "decisive_factors_zh",
            "use_as_test",
            "unverified_fields",
        ]


@extend_schema_field(OpenApiTypes.URI)
class PageUrl(serializers.Field[Case, str, str, Any]):
    """The decision's public page (PUBLIC_URL when set, else the address of the request)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: Case) -> str:
        return case_page_url(value.slug, self.context.get("request"))


class CaseListSerializer(BuiltOnce, serializers.ModelSerializer[Case]):
    factors = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail", lookup_field="slug")
    page_url = PageUrl(help_text="The decision's public page.")

    class Meta:
        model = Case
        fields = [
            "slug",
            "url",
            "page_url",
            "short_name",
            "short_name_zh",
            "citation",
            "citation_zh",
            "title_en",
            "title_zh",
            "jurisdiction",
            "tribunal",
            "tribunal_zh",
            "decision_date",
            "decision_date_precision",
            "docket",
            "issue",
            "outcome",
            "proceeding_status",
            "status_as_of",
            "next_step_en",
            "next_step_zh",
            "holding_en",
            "holding_zh",
            "verification",
            "unverified_fields",
            "factors",
        ]

    def get_factors(self, case: Case) -> list[str]:
        return [cf.factor.code for cf in case.case_factors.all()]


class ProtectedWorkBriefSerializer(BuiltOnce, serializers.ModelSerializer[ProtectedWork]):
    class Meta:
        model = ProtectedWork
        fields = ["name", "aliases_en", "aliases_zh", "owner", "kind", "named_in_decision"]


class CaseDetailSerializer(BuiltOnce, serializers.ModelSerializer[Case]):
    sources = SourceSerializer(many=True)
    factors = CaseFactorSerializer(source="case_factors", many=True)
    scenario = ScenarioSerializer(read_only=True, allow_null=True)
    protected_works = ProtectedWorkBriefSerializer(many=True)
    page_url = PageUrl(help_text="The decision's public page.")

    class Meta:
        model = Case
        fields = [
            "slug",
            "former_slugs",
            "page_url",
            "short_name",
            "short_name_zh",
            "citation",
            "citation_zh",
            "title_en",
            "title_zh",
            "jurisdiction",
            "tribunal",
            "tribunal_zh",
            "decision_date",
            "decision_date_precision",
            "date_note",
            "date_note_zh",
            "docket",
            "parties",
            "parties_zh",
            "ai_tools",
            "issue",
            "outcome",
            "proceeding_status",
            "status_as_of",
            "next_step_en",
            "next_step_zh",
            "holding_en",
            "holding_zh",
            "summary_en",
            "summary_zh",
            "verification",
            "unverified_fields",
            "published_at",
            "sources",
            "factors",
            "scenario",
            "protected_works",
        ]


class FactorSerializer(serializers.ModelSerializer[Factor]):
    class Meta:
        model = Factor
        fields = ["code", "name_en", "name_zh", "question_en", "question_zh", "evidence_en"]


class ProtectedWorkSerializer(serializers.ModelSerializer[ProtectedWork]):
    case = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = ProtectedWork
        fields = [
            "name",
            "aliases_en",
            "aliases_zh",
            "owner",
            "kind",
            "case",
            "named_in_decision",
            "note",
        ]

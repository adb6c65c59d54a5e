import copy
from typing import Any

from rest_framework import serializers

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
        fields = ["url", "title", "kind", "accessed_on"]


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
            "claimed_subject",
            "human_input",
            "real_outcome",
            "outcome_scope",
            "decisive_factors",
            "use_as_test",
            "unverified_fields",
        ]


class CaseListSerializer(BuiltOnce, serializers.ModelSerializer[Case]):
    factors = serializers.SerializerMethodField()
    url = serializers.HyperlinkedIdentityField(view_name="api:case-detail", lookup_field="slug")

    class Meta:
        model = Case
        fields = [
            "slug",
            "url",
            "short_name",
            "title_en",
            "title_zh",
            "jurisdiction",
            "tribunal",
            "decision_date",
            "decision_date_precision",
            "docket",
            "issue",
            "outcome",
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

    class Meta:
        model = Case
        fields = [
            "slug",
            "short_name",
            "title_en",
            "title_zh",
            "jurisdiction",
            "tribunal",
            "decision_date",
            "decision_date_precision",
            "date_note",
            "docket",
            "parties",
            "ai_tools",
            "issue",
            "outcome",
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

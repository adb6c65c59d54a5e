import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from cases.models import Case, PublicationStatus
from tests.factories import CaseFactorFactory, CaseFactory, FactorFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_every_field_of_the_library_models_explains_itself():
    missing = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("cases").get_models()
        if not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and not str(field.help_text)
    ]
    assert missing == []


def test_a_published_case_must_have_a_publication_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(status=PublicationStatus.PUBLISHED, published_at=None)


@pytest.mark.parametrize(
    "field, value",
    [("jurisdiction", "XX"), ("issue", "gossip"), ("outcome", "won"), ("verification", "maybe")],
)
def test_choices_are_enforced_by_the_database(field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactory(**{field: value})


def test_a_source_is_listed_once_per_case():
    source = SourceFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(case=source.case, url=source.url)


def test_a_factor_is_linked_once_per_case():
    link = CaseFactorFactory(factor=FactorFactory(code="F2"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseFactorFactory(case=link.case, factor=link.factor)


def test_factor_codes_have_the_catalogue_form():
    with pytest.raises(IntegrityError), transaction.atomic():
        FactorFactory(code="X1", position=99)


def test_every_change_is_recorded_in_history():
    case = CaseFactory()
    case.holding_en = "Changed holding."
    case.save()
    history = list(case.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    assert history[-1].holding_en == "Changed holding."


def test_search_text_follows_the_case_and_its_sources():
    case = CaseFactory(title_zh="独特标题")
    SourceFactory(case=case, title="A Distinctive Journal")
    case.refresh_from_db()
    assert "独特标题" in case.search_text
    assert "a distinctive journal" in case.search_text
    case.sources.all().delete()
    case.refresh_from_db()
    assert "a distinctive journal" not in case.search_text


def test_published_queryset_hides_drafts():
    CaseFactory(slug="xx-shown")
    CaseFactory(slug="xx-hidden", status=PublicationStatus.DRAFT, published_at=None)
    assert list(Case.objects.published().values_list("slug", flat=True)) == ["xx-shown"]

import datetime

import factory
from django.utils import timezone

from cases.models import Case, CaseFactor, Factor, ProtectedWork, Source


class FactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Factor
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"F{(n % 14) + 1}")
    position = factory.LazyAttribute(lambda o: int(o.code[1:]))
    name_en = factory.LazyAttribute(lambda o: f"Factor {o.code}")
    name_zh = factory.LazyAttribute(lambda o: f"因素 {o.code}")
    question_en = "A question?"
    question_zh = "一个问题？"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    slug = factory.Sequence(lambda n: f"xx-case-{n}")
    short_name = factory.Sequence(lambda n: f"Case {n}")
    title_en = factory.LazyAttribute(lambda o: f"{o.short_name} title")
    title_zh = factory.LazyAttribute(lambda o: f"{o.short_name} 标题")
    jurisdiction = "CN"
    tribunal = "Some Court"
    decision_date = datetime.date(2024, 1, 1)
    issue = "copyrightability"
    outcome = "granted"
    holding_en = "Held."
    holding_zh = "判决。"
    verification = "verified"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    case = factory.SubFactory(CaseFactory)
    url = factory.Sequence(lambda n: f"https://example.org/source/{n}")
    title = "example.org"


class CaseFactorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseFactor

    case = factory.SubFactory(CaseFactory)
    factor = factory.SubFactory(FactorFactory)
    treatment = "supports_protection"


class ProtectedWorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProtectedWork

    name = factory.Sequence(lambda n: f"Work {n}")
    kind = "character"
    case = factory.SubFactory(CaseFactory)

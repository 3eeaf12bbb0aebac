import factory
from django.utils import timezone

from knowledge.models import FundingProgram, Guide, GuideSection, Resource


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    kind = Resource.Kind.BEST_PRACTICE
    title = factory.Sequence(lambda n: f"Ressource {n}")
    slug = factory.Sequence(lambda n: f"ressource-{n}")
    summary = "Eine Kurzfassung."
    body = "Ein Text über kommunale Zusammenarbeit."
    state = Resource.State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class FundingProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgram

    name = factory.Sequence(lambda n: f"Programm {n}")
    slug = factory.Sequence(lambda n: f"programm-{n}")
    funder = "Land NRW"


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    title = factory.Sequence(lambda n: f"Leitfaden {n}")
    slug = factory.Sequence(lambda n: f"leitfaden-{n}")
    introduction = "Warum dieser Leitfaden?"
    is_published = True


class GuideSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideSection

    guide = factory.SubFactory(GuideFactory)
    heading = factory.Sequence(lambda n: f"Kapitel {n}")
    text = "Eigener Text des Kapitels."

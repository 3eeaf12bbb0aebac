import factory

from partnerships.models import (
    Actor,
    ActorEditor,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
)
from tests.factories import UserFactory


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    kind = Actor.Kind.MUNICIPALITY
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"musterstadt-{n}")
    country = "DE"
    latitude = 51.5
    longitude = 7.4


class UkrainianActorFactory(ActorFactory):
    kind = Actor.Kind.HROMADA
    name = factory.Sequence(lambda n: f"Hromada {n}")
    slug = factory.Sequence(lambda n: f"hromada-{n}")
    country = "UA"
    latitude = 48.0
    longitude = 33.5


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Musterstadt – Hromada {n}")
    slug = factory.Sequence(lambda n: f"partnerschaft-{n}")
    kind = Partnership.Kind.SOLIDARITY
    status = Partnership.Status.ACTIVE
    publication_state = Partnership.Publication.PUBLISHED
    summary = "Eine Solidaritätspartnerschaft."

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if not create:
            return
        actors = extracted if extracted is not None else [ActorFactory(), UkrainianActorFactory()]
        for i, actor in enumerate(actors):
            PartnershipMember.objects.create(partnership=self, actor=actor, position=i)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    partnership = factory.SubFactory(PartnershipFactory)
    date = factory.Faker("date_between", start_date="-3y", end_date="-1d")
    title = "Besuch"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    partnership = factory.SubFactory(PartnershipFactory)
    title = "Hilfslieferung"


class EditorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActorEditor

    user = factory.SubFactory(UserFactory)
    actor = factory.SubFactory(ActorFactory)

import factory

from partnerships.matchmaking.models import OriginStatistic, SearchProfile
from tests.partnerships.factories import ActorFactory


class SearchProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SearchProfile
        skip_postgeneration_save = True

    actor = factory.SubFactory(ActorFactory)
    needs = "Austausch der Verwaltungen"
    offers = "Erfahrung mit Jugendbegegnungen"
    contact_name = "Anna Muster"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@example.org")
    contact_language = "de"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)

    @factory.post_generation
    def need_themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.need_themes.set(extracted)

    @factory.post_generation
    def offer_themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.offer_themes.set(extracted)


class OriginStatisticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OriginStatistic

    actor = factory.SubFactory(ActorFactory)
    origin_country = "UA"
    residents = 300
    as_of = factory.Faker("date_between", start_date="-2y", end_date="-1d")
    source = "Einwohnermeldeamt"

from datetime import timedelta

import factory
from django.utils import timezone

from events.models import Event, EventSeries, Registration


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries
        django_get_or_create = ["slug"]

    name_de = "Forum Städtepartnerschaften NRW"
    slug = factory.Sequence(lambda n: f"reihe-{n}")


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    # German is the source language: set the _de columns whatever language is active.
    title_de = factory.Sequence(lambda n: f"Forum Städtepartnerschaften NRW #{n}")
    summary_de = "Austausch über Partnerschaften mit ukrainischen Kommunen."
    description_de = "Mit **Praxisberichten** aus den Kommunen."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    format = Event.Format.ONLINE
    join_url = "https://meet.example.org/secret-room-4711"
    capacity = 10
    status = Event.Status.PUBLISHED
    languages = "de,uk"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    name = "Olena Beispiel"
    email = factory.Sequence(lambda n: f"teilnehmer{n}@example.org")
    organisation = "Stadt Billerbeck"
    organisation_kind = "municipality"
    language = "de"
    consent = True
    consent_text = "Einwilligung"
    consent_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.CONFIRMED

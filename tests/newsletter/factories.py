import factory
from django.utils import timezone

from newsletter.models import ConsentText, Issue, Newsletter, Subscriber, Subscription


class NewsletterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Newsletter
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Newsletter {n}")
    slug = factory.Sequence(lambda n: f"newsletter-{n}")
    description = "Neuigkeiten der Netzwerkstelle"
    public = True


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"leser{n}@example.org")
    language = "de"


def current_consent() -> ConsentText:
    return ConsentText.objects.current()


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    subscriber = factory.SubFactory(SubscriberFactory)
    newsletter = factory.SubFactory(NewsletterFactory)
    status = Subscription.Status.CONFIRMED
    consent_text = factory.LazyFunction(current_consent)
    request_ip = "192.0.2.1"
    request_source = "form:page"
    confirmed_at = factory.LazyAttribute(
        lambda o: None if o.status == Subscription.Status.PENDING else timezone.now()
    )


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    newsletter = factory.SubFactory(NewsletterFactory)
    subject = "Im Blickpunkt: Ukraine 2/2023"
    preheader = "Neues aus den Partnerschaften"
    body = "## Liebe Leserinnen und Leser\n\nDas **Reallabor** geht weiter."

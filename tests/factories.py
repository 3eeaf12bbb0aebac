"""factory_boy factories shared by all test folders (apps may add their own module)."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.models import ConsultationRequest, User

PASSWORD = "Sonnenblume-Kyjiw-2023"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Olena"
    last_name = "Beispiel"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def staff_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Netzwerkstelle"))


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    name = "Anna Muster"
    organisation = "Stadt Billerbeck"
    organisation_kind = "municipality"
    email = factory.Sequence(lambda n: f"anfrage{n}@example.org")
    topic = "ukraine"
    message = "Wir möchten eine Partnerschaft mit einer ukrainischen Gemeinde anbahnen."
    consent_text = "Einwilligung"
    consent_at = factory.Faker("date_time", tzinfo=__import__("datetime").UTC)

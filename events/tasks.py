"""Background work of the events app: reminders and anonymisation (emails: the outbox)."""

from celery import shared_task

from events import services


@shared_task(name="events.reminders_send")
def reminders_send() -> int:
    return services.registration_reminders_send()


@shared_task(name="events.registrations_anonymise")
def registrations_anonymise() -> int:
    return services.registrations_anonymise()

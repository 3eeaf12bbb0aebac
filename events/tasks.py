"""Background work of the events app: emails to registrants, reminders, anonymisation."""

from celery import shared_task

from events import outbox, services
from portal.emails import RETRY_DELAYS, retry_or_raise


@shared_task(bind=True, name="events.notification_send", max_retries=len(RETRY_DELAYS))
def notification_send(self, notification_id: int) -> None:
    try:
        services.notification_send(notification_id=notification_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(name="events.notifications_dispatch")
def notifications_dispatch() -> int:
    return outbox.notifications_dispatch()


@shared_task(name="events.event_message_fan_out")
def event_message_fan_out(message_id: int) -> int:
    return services.event_message_fan_out(message_id=message_id)


@shared_task(name="events.reminders_send")
def reminders_send() -> int:
    return services.registration_reminders_send()


@shared_task(name="events.registrations_anonymise")
def registrations_anonymise() -> int:
    return services.registrations_anonymise()

"""Beat: reminders of unanswered surveys (after 7 and 14 days, once each)."""

from celery import shared_task

from partnerships.surveys import services


@shared_task(name="surveys.send_reminders")
def send_reminders() -> int:
    return services.reminders_send()

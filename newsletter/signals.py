"""Framework glue: django-anymail tracking events (bounce, complaint) from the ESP."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver

from newsletter import services

STOP_EVENTS = {EventType.BOUNCED, EventType.COMPLAINED, EventType.REJECTED}


@receiver(tracking, dispatch_uid="newsletter_tracking")
def handle_tracking_event(sender, event, esp_name, **kwargs) -> None:
    if event.event_type in STOP_EVENTS and event.recipient:
        services.subscriptions_mark_bounced(email=event.recipient)

"""Background work of the partner search: the periodic reminders and notices (their emails
go through the outbox, ``portal/outbox.py``) and housekeeping."""

from celery import shared_task

from partnerships.matchmaking import services


@shared_task(name="matchmaking.case_reminders")
def case_reminders_task() -> int:
    """Beat: open cases waiting too long in one state (each case once per state)."""
    return services.case_reminders_send()


@shared_task(name="matchmaking.mutual_matches")
def mutual_matches_task() -> int:
    """Beat (hourly): record new mutual matches, tell editors (at most once a day each)."""
    services.mutual_matches_refresh()
    return services.mutual_match_notifications_send()


@shared_task(name="matchmaking.profile_expiry_reminders")
def profile_expiry_reminders_task() -> int:
    return services.search_profile_expiry_reminders_send()


@shared_task(name="matchmaking.purge_ip_addresses")
def purge_ip_addresses_task() -> int:
    return services.request_ip_addresses_purge()

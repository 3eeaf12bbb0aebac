"""Background work of the partner search: emails (queued after the commit, sent once by
recorded state) and the periodic reminders."""

from celery import shared_task

from partnerships.matchmaking import services
from portal.emails import RETRY_DELAYS, retry_or_raise


@shared_task(
    bind=True, name="matchmaking.contact_request_notify_staff", max_retries=len(RETRY_DELAYS)
)
def contact_request_notify_staff_task(self, request_id: int) -> None:
    try:
        services.contact_request_notify_staff(request_id=request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(bind=True, name="matchmaking.contact_request_forward", max_retries=len(RETRY_DELAYS))
def contact_request_forward_task(self, request_id: int) -> None:
    try:
        services.contact_request_send_forward(request_id=request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(
    bind=True, name="matchmaking.partner_request_notify_staff", max_retries=len(RETRY_DELAYS)
)
def partner_request_notify_staff_task(self, request_id: int) -> None:
    try:
        services.partner_request_notify_staff(request_id=request_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(bind=True, name="matchmaking.introduction_send", max_retries=len(RETRY_DELAYS))
def introduction_send_task(self, answer_id: int) -> None:
    try:
        services.introduction_send(answer_id=answer_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


@shared_task(bind=True, name="matchmaking.answer_notify_staff", max_retries=len(RETRY_DELAYS))
def answer_notify_staff_task(self, answer_id: int) -> None:
    try:
        services.answer_notify_staff(answer_id=answer_id)
    except Exception as exc:  # noqa: BLE001 - sorted by retry_or_raise
        retry_or_raise(self, exc)


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

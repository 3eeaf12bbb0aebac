"""Capacity, waiting list and reminders under real concurrency (PostgreSQL, real threads)."""

import threading

import pytest
from django.db import connection

from events import services
from events.models import Registration
from tests.events.conftest import email_kinds
from tests.events.factories import EventFactory, RegistrationFactory

# Committing tests: tests/conftest.py restores the rows that migrations created (themes,
# groups, consent texts) before each of them, so later tests still find them.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("registration_path"),
    pytest.mark.timeout(120),
]


def run_concurrently(count: int, target) -> list[BaseException]:
    """Start ``count`` threads that call ``target(i)`` at the same moment; return errors."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def worker(i):
        try:
            barrier.wait(timeout=30)
            target(i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted empty
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_40_concurrent_registrations_for_10_places_then_5_concurrent_cancellations(
    mailoutbox,
):
    event = EventFactory(capacity=10)

    def register(i):
        services.registration_create(
            event=event,
            name=f"Person {i}",
            email=f"person{i}@example.org",
            consent_text="Einwilligung",
        )

    assert run_concurrently(40, register) == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 40
    assert registrations.filter(status="confirmed").count() == 10
    waitlisted = registrations.filter(status="waitlisted").order_by("waitlist_position")
    assert list(waitlisted.values_list("waitlist_position", flat=True)) == list(range(1, 31))
    assert len({r.email.lower() for r in registrations}) == 40
    # Each registrant got exactly one email (confirmation or waiting-list notice).
    assert len(mailoutbox) == 40
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in registrations)

    first_five = list(waitlisted.values_list("pk", flat=True)[:5])
    to_cancel = list(registrations.filter(status="confirmed")[:5])
    mailoutbox.clear()

    assert (
        run_concurrently(5, lambda i: services.registration_cancel(registration=to_cancel[i])) == []
    )
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status="confirmed").count() == 10
    assert registrations.filter(status="cancelled").count() == 5
    promoted = set(
        registrations.filter(pk__in=first_five, status="confirmed").values_list("pk", flat=True)
    )
    assert promoted == set(first_five)  # exactly the first five, in order of the list
    rest = registrations.filter(status="waitlisted").order_by("waitlist_position")
    assert list(rest.values_list("waitlist_position", flat=True)) == list(range(1, 26))
    kinds = sorted(k for k in email_kinds() if k not in ("confirmed", "waitlisted"))
    assert kinds == ["cancelled"] * 5 + ["promoted"] * 5
    assert len(mailoutbox) == 10


def test_120_registrations_at_once_for_20_places_take_places_and_queue_in_order(mailoutbox):
    """24 threads (PostgreSQL's connection limit) register 5 people each at the same moment."""
    event = EventFactory(capacity=20)

    def register_five(i):
        for j in range(5):
            services.registration_create(
                event=event, name=f"Person {i}.{j}", email=f"p{i}.{j}@example.org", consent_text="x"
            )

    assert run_concurrently(24, register_five) == []
    registrations = Registration.objects.filter(event=event)
    assert registrations.count() == 120
    confirmed = list(registrations.filter(status="confirmed").values_list("pk", flat=True))
    assert len(confirmed) == 20
    waitlisted = registrations.filter(status="waitlisted").order_by("waitlist_position")
    assert list(waitlisted.values_list("waitlist_position", flat=True)) == list(range(1, 101))
    # In the order in which they took the event's lock (the row ids are drawn under it).
    waiting_ids = list(waitlisted.values_list("pk", flat=True))
    assert waiting_ids == sorted(waiting_ids) and max(confirmed) < waiting_ids[0]
    assert sorted(email_kinds()) == ["confirmed"] * 20 + ["waitlisted"] * 100
    assert len(mailoutbox) == 120


def test_concurrent_duplicates_in_different_case_create_one_registration(mailoutbox):
    event = EventFactory(capacity=3)
    spellings = ["Olena@Example.org", "olena@example.org", "OLENA@EXAMPLE.ORG", "olena@example.ORG"]

    def register(i):
        services.registration_create(
            event=event, name="Olena", email=spellings[i % 4], consent_text="x"
        )

    assert run_concurrently(8, register) == []
    assert Registration.objects.filter(event=event).count() == 1
    assert sorted(email_kinds()) == ["confirmed"] + ["duplicate"] * 7


def test_two_concurrent_reminder_runs_remind_each_registration_once(mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    event = EventFactory(start=timezone.now() + timedelta(hours=20), capacity=None)
    RegistrationFactory.create_batch(30, event=event)
    RegistrationFactory(event=event, status="waitlisted", waitlist_position=1)
    RegistrationFactory(event=event, status="cancelled")
    later = EventFactory(start=timezone.now() + timedelta(days=3))
    RegistrationFactory(event=later)

    counts = []
    assert (
        run_concurrently(2, lambda i: counts.append(services.registration_reminders_send())) == []
    )
    assert sum(counts) == 30
    assert email_kinds().count("reminder") == 30
    assert len(mailoutbox) == 30
    assert len({m.to[0] for m in mailoutbox}) == 30
    # Beat running again sends nothing new.
    assert services.registration_reminders_send() == 0
    assert len(mailoutbox) == 30

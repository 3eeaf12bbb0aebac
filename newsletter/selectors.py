"""Reads of the newsletter app that are more than a one-line filter."""

from collections.abc import Iterator
from datetime import date, datetime

from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncMonth

from newsletter.models import Issue, Newsletter, Subscription


def archive_issues() -> QuerySet[Issue]:
    """Sent issues of public newsletters, newest first (for the public archive)."""
    return (
        Issue.objects.filter(status=Issue.Status.SENT, newsletter__public=True)
        .select_related("newsletter")
        .order_by("-sent_at")
    )


def newsletter_last_sent_at(*, newsletter_id: int) -> datetime | None:
    """When the newsletter's last issue went out (None before the first)."""
    return Issue.objects.filter(newsletter_id=newsletter_id, status=Issue.Status.SENT).aggregate(
        last=Max("sent_at")
    )["last"]


def confirmed_subscriptions(*, newsletter: Newsletter) -> QuerySet[Subscription]:
    return (
        Subscription.objects.confirmed()
        .filter(newsletter=newsletter)
        .select_related("subscriber", "consent_text")
        .order_by("subscriber__email")
    )


def confirmed_subscribers_csv_rows(*, newsletter: Newsletter) -> Iterator[list[str]]:
    """Rows of the CSV export: address, language, consent proof."""
    yield [
        "email",
        "language",
        "confirmed_at",
        "requested_at",
        "consent_version",
        "request_source",
    ]
    for s in confirmed_subscriptions(newsletter=newsletter).iterator(chunk_size=2000):
        yield [
            s.subscriber.email,
            s.subscriber.language,
            s.confirmed_at.isoformat() if s.confirmed_at else "",
            s.requested_at.isoformat(),
            str(s.consent_text.version),
            s.request_source,
        ]


def newsletter_monthly_counts(*, newsletter: Newsletter) -> list[dict]:
    """Per month: new confirmations, unsubscriptions, bounces, and confirmed at month's end.

    Four grouped queries, whatever the number of subscriptions.
    """

    def monthly(field: str, **filters) -> dict[date, int]:
        rows = (
            Subscription.objects.filter(newsletter=newsletter, **{f"{field}__isnull": False})
            .filter(**filters)
            .annotate(month=TruncMonth(field))
            .values("month")
            .annotate(n=Count("pk"))
        )
        return {
            row["month"].date() if hasattr(row["month"], "date") else row["month"]: row["n"]
            for row in rows
        }

    confirmed = monthly("confirmed_at")
    left = monthly("unsubscribed_at", confirmed_at__isnull=False)
    bounced = monthly("bounced_at", confirmed_at__isnull=False)
    months = sorted(set(confirmed) | set(left) | set(bounced))
    total = 0
    result = []
    for month in months:
        total += confirmed.get(month, 0) - left.get(month, 0) - bounced.get(month, 0)
        result.append(
            {
                "month": month,
                "confirmed": confirmed.get(month, 0),
                "unsubscribed": left.get(month, 0),
                "bounced": bounced.get(month, 0),
                "total": total,
            }
        )
    return result

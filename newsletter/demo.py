"""Demo data of the newsletter (the facts are in ``data/demo/newsletter.yaml``): both
newsletters, the first Ukraine issue as sent, a draft, and example.org subscribers.

Rows are written through ``portal.seeding``: a re-run changes nothing and keeps what staff
(or a subscriber on the preference page) changed.
"""

from functools import cache
from pathlib import Path

from django.utils import translation

from newsletter.models import ConsentText, Delivery, Issue, Newsletter, Subscriber, Subscription
from portal.seeding import read_data, seed_row, translated

DATA = Path(__file__).parent / "data" / "demo" / "newsletter.yaml"


@cache
def demo_data() -> dict:
    return read_data(DATA)


def _texts(field: str, texts: dict) -> dict:
    return translated(field, texts, missing=None)


def load_demo(*, stdout, **options) -> None:
    with translation.override("de"):
        _load(stdout=stdout, data=demo_data())


def _load(*, stdout, data: dict) -> None:
    newsletters = {}
    for spec in data["newsletters"]:
        newsletter, _changed = seed_row(
            Newsletter,
            {"slug": spec["slug"]},
            {
                "position": spec["position"],
                **_texts("name", spec["name"]),
                **_texts("description", spec["description"]),
                "public": True,
            },
        )
        newsletters[spec["slug"]] = newsletter
    consent = ConsentText.objects.current()
    subscribed_at = data["subscribed_at"]
    for spec in data["subscribers"]:
        subscriber, _changed = seed_row(
            Subscriber, {"email": spec["email"]}, {"language": spec["language"]}
        )
        for slug in spec["newsletters"]:
            if subscriber is None or newsletters[slug] is None:
                continue
            confirmed = spec["status"] == Subscription.Status.CONFIRMED
            seed_row(
                Subscription,
                {"subscriber": subscriber, "newsletter": newsletters[slug]},
                {
                    "status": spec["status"],
                    "consent_text": consent,
                    "requested_at": subscribed_at,
                    "request_source": "demo",
                    "confirmed_at": subscribed_at if confirmed else None,
                },
            )
    issues = 0
    for spec in data["issues"]:
        newsletter = newsletters[spec["newsletter"]]
        demo_emails = [subscriber["email"] for subscriber in data["subscribers"]]
        if newsletter is not None and _load_issue(spec, newsletter, demo_emails) is not None:
            issues += 1
    stdout.write(
        f"Newsletter: {len(newsletters)} newsletters, {issues} issues, "
        f"{len(data['subscribers'])} demo subscribers (example.org)."
    )


def _load_issue(spec: dict, newsletter: Newsletter, demo_emails: list[str]) -> Issue | None:
    values = {
        **_texts("subject", spec["subject"]),
        **_texts("preheader", spec["preheader"]),
        **_texts("body", spec["body"]),
        **{f"include_{section}": True for section in spec.get("sections", [])},
        "status": spec["status"],
    }
    if spec["status"] == Issue.Status.SENT:
        values.update(sending_started_at=spec["sent_at"], sent_at=spec["sent_at"])
    issue, _changed = seed_row(
        Issue, {"newsletter": newsletter, "subject_de": spec["subject"]["de"]}, values
    )
    if issue is None or issue.status != Issue.Status.SENT:
        return issue
    # The sent issue's ledger: one delivery per confirmed demo subscriber, counted on it.
    confirmed = Subscription.objects.filter(
        newsletter=newsletter,
        status=Subscription.Status.CONFIRMED,
        subscriber__email__in=demo_emails,
    ).values_list("subscriber_id", flat=True)
    for subscriber_id in confirmed:
        Delivery.objects.get_or_create(
            issue=issue,
            subscriber_id=subscriber_id,
            defaults={"status": Delivery.Status.SENT, "attempts": 1, "sent_at": spec["sent_at"]},
        )
    count = Delivery.objects.filter(issue=issue, status=Delivery.Status.SENT).count()
    Issue.objects.filter(pk=issue.pk).update(
        recipients_count=count, sent_count=count, failed_count=0
    )
    return issue

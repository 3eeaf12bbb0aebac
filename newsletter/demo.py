"""Demo data of the newsletter: both newsletters, the first Ukraine issue, a draft, subscribers.

Idempotent: natural keys (slugs, subjects, addresses); running it twice changes nothing.
"""

from datetime import UTC, datetime

from django.utils import translation

from newsletter.models import ConsentText, Delivery, Issue, Newsletter, Subscriber, Subscription

NEWSLETTERS = [
    {
        "slug": "staedtepartnerschaften-nrw",
        "position": 1,
        "name_de": "Newsletter Städtepartnerschaften NRW",
        "name_uk": "Розсилка «Міста-партнери NRW»",
        "name_en": "Newsletter Town Twinning NRW",
        "description_de": (
            "Veranstaltungen, Förderung und gute Beispiele aus den kommunalen Partnerschaften "
            "in Nordrhein-Westfalen."
        ),
        "description_uk": (
            "Заходи, фінансування та добрі приклади муніципального партнерства в "
            "Північному Рейні – Вестфалії."
        ),
        "description_en": (
            "Events, funding and good examples from municipal partnerships in North "
            "Rhine-Westphalia."
        ),
    },
    {
        "slug": "blickpunkt-ukraine",
        "position": 2,
        "name_de": "Im Blickpunkt: Ukraine",
        "name_uk": "У фокусі: Україна",
        "name_en": "In focus: Ukraine",
        "description_de": (
            "Der Sondernewsletter seit Februar 2022: NRW-ukrainische Partnerschaften, "
            "humanitäre Hilfe, Wiederaufbau und EU-Integration."
        ),
        "description_uk": (
            "Спеціальна розсилка з лютого 2022 року: партнерства NRW та України, гуманітарна "
            "допомога, відбудова та інтеграція до ЄС."
        ),
        "description_en": (
            "The special newsletter since February 2022: NRW–Ukrainian partnerships, "
            "humanitarian aid, reconstruction and EU integration."
        ),
    },
]

REALLABOR_DE = """\
## Das Reallabor Kommunale Aufbaupartnerschaften NRW–Ukraine startet

Seit Februar 2022 begleitet die Netzwerkstelle Städtepartnerschaften NRW Kommunen, die \
Partnerschaften mit der Ukraine pflegen oder anbahnen – mit digitalen Veranstaltungen zu \
deutsch-ukrainischen Städtepartnerschaften, diesem Sondernewsletter und persönlicher Beratung.

Mit dem **Reallabor Kommunale Aufbaupartnerschaften NRW–Ukraine** geht diese Arbeit weiter. \
Das Projekt läuft von **Januar 2023 bis Juni 2024** und wird von der **Staatskanzlei des \
Landes Nordrhein-Westfalen** gefördert.

### Die Programmbausteine

- **Informationsveranstaltungen und Austauschformate** für Städtepartnerschaftsverantwortliche \
in Kommunen und Kreisen
- **Rückkoppelung mit der Landesebene** – etwa mit der NRW-Regionalpartnerschaft mit der \
Oblast Dnipropetrowsk (seit Februar 2023)
- **Dokumentation**: Newsletter, Webartikel und Berichte
- **Fortlaufende Beratung, Begleitung und Vernetzung**

### Drei Zeithorizonte

1. **Kurzfristig: humanitäre Hilfe**
2. **Mittelfristig: Wiederaufbau**
3. **Langfristig: EU-Integration der Ukraine und eine Partnerschaft auf Augenhöhe**

Welche pragmatischen Ansätze verfolgen NRW-Kommunen und Kreise, um ihre Partnerkommunen in \
der ganzen Ukraine zu unterstützen? Wir sammeln, dokumentieren und diskutieren sie – und \
machen daraus Leitfäden, Best Practices und Lessons Learned.

Ihre Kommune plant eine Partnerschaft Richtung Ukraine? Sprechen Sie uns an.
"""

REALLABOR_UK = """\
## Стартує «Реальна лабораторія муніципальних партнерств з відбудови NRW – Україна»

З лютого 2022 року Мережеве бюро міст-партнерів NRW супроводжує громади, які підтримують або \
започатковують партнерство з Україною: цифрові заходи, ця спеціальна розсилка та особисті \
консультації.

Проєкт **«Реальна лабораторія муніципальних партнерств з відбудови NRW – Україна»** триває з \
**січня 2023 до червня 2024 року** і фінансується **Державною канцелярією землі Північний \
Рейн – Вестфалія**.

### Складові програми

- **Інформаційні заходи та формати обміну** для відповідальних за партнерство в громадах і \
округах
- **Зворотний зв'язок із земельним рівнем** – зокрема з регіональним партнерством NRW з \
Дніпропетровською областю (з лютого 2023 року)
- **Документація**: розсилка, вебстатті та звіти
- **Постійні консультації, супровід і налагодження зв'язків**

### Три часові горизонти

1. **Короткостроково: гуманітарна допомога**
2. **Середньостроково: відбудова**
3. **Довгостроково: інтеграція України до ЄС і партнерство на рівних**
"""

REALLABOR_EN = """\
## The Reallabor for municipal reconstruction partnerships NRW–Ukraine begins

Since February 2022 the Netzwerkstelle Städtepartnerschaften NRW has supported municipalities \
that maintain or plan partnerships with Ukraine: online events on German–Ukrainian town \
twinning, this special newsletter and personal advice.

The **Reallabor Kommunale Aufbaupartnerschaften NRW–Ukraine** continues this work. It runs from \
**January 2023 to June 2024** and is funded by the **State Chancellery of North \
Rhine-Westphalia**.

### Programme modules

- **Information events and exchange formats** for those responsible for partnerships in \
municipalities and districts
- **Feedback with the state level**, e.g. the NRW regional partnership with Dnipropetrovsk \
Oblast (since February 2023)
- **Documentation**: newsletter, web articles and reports
- **Ongoing advice, support and networking**

### Three time horizons

1. **Short term: humanitarian aid**
2. **Medium term: reconstruction**
3. **Long term: EU integration of Ukraine and a partnership of equals**
"""

DRAFT_DE = """\
## Forum Städtepartnerschaften NRW

Die nächste Ausgabe der digitalen Veranstaltungsreihe „Forum Städtepartnerschaften NRW“ \
widmet sich der Frage, wie Partnerschaften neu belebt werden können.

*(Entwurf – Termine folgen.)*
"""

SUBSCRIBERS = [
    ("olena.demo@example.org", "uk", ["blickpunkt-ukraine"], "confirmed"),
    (
        "anna.demo@example.org",
        "de",
        ["staedtepartnerschaften-nrw", "blickpunkt-ukraine"],
        "confirmed",
    ),
    ("tom.demo@example.org", "en", ["staedtepartnerschaften-nrw"], "confirmed"),
    ("kreis.demo@example.org", "de", ["blickpunkt-ukraine"], "confirmed"),
    ("neu.demo@example.org", "de", ["staedtepartnerschaften-nrw"], "pending"),
    ("mykola.demo@example.org", "uk", ["blickpunkt-ukraine"], "pending"),
]

SENT_AT = datetime(2023, 2, 20, 9, 0, tzinfo=UTC)
CONFIRMED_AT = datetime(2023, 1, 16, 10, 0, tzinfo=UTC)


def load_demo(*, stdout, **options) -> None:
    with translation.override("de"):
        _load(stdout=stdout)


def _load(*, stdout) -> None:
    newsletters = {}
    for data in NEWSLETTERS:
        fields = {k: v for k, v in data.items() if k != "slug"}
        newsletter, _created = Newsletter.objects.update_or_create(
            slug=data["slug"], defaults={**fields, "public": True}
        )
        newsletters[data["slug"]] = newsletter
    consent = ConsentText.objects.current()

    subscribers = []
    for email, language, slugs, status in SUBSCRIBERS:
        subscriber, _created = Subscriber.objects.get_or_create(
            email=email, defaults={"language": language}
        )
        subscribers.append(subscriber)
        for slug in slugs:
            if subscriber.subscriptions.filter(newsletter=newsletters[slug]).exists():
                continue
            Subscription.objects.create(
                subscriber=subscriber,
                newsletter=newsletters[slug],
                status=status,
                consent_text=consent,
                requested_at=CONFIRMED_AT,
                request_source="demo",
                confirmed_at=CONFIRMED_AT if status == "confirmed" else None,
            )

    ukraine = newsletters["blickpunkt-ukraine"]
    sent, _created = Issue.objects.update_or_create(
        newsletter=ukraine,
        subject_de="Im Blickpunkt: Ukraine 1/2023",
        defaults={
            "subject_uk": "У фокусі: Україна 1/2023",
            "subject_en": "In focus: Ukraine 1/2023",
            "preheader_de": "Das Reallabor Kommunale Aufbaupartnerschaften NRW–Ukraine startet",
            "preheader_uk": "Стартує Реальна лабораторія муніципальних партнерств NRW – Україна",
            "preheader_en": "The Reallabor for municipal partnerships NRW–Ukraine begins",
            "body_de": REALLABOR_DE,
            "body_uk": REALLABOR_UK,
            "body_en": REALLABOR_EN,
            "status": Issue.Status.SENT,
            "sending_started_at": SENT_AT,
            "sent_at": SENT_AT,
        },
    )
    recipients = [
        s
        for s in subscribers
        if s.subscriptions.filter(newsletter=ukraine, status="confirmed").exists()
    ]
    for subscriber in recipients:
        Delivery.objects.get_or_create(
            issue=sent,
            subscriber=subscriber,
            defaults={"status": Delivery.Status.SENT, "attempts": 1, "sent_at": SENT_AT},
        )
    count = Delivery.objects.filter(issue=sent, status=Delivery.Status.SENT).count()
    Issue.objects.filter(pk=sent.pk).update(
        recipients_count=count, sent_count=count, failed_count=0
    )

    Issue.objects.update_or_create(
        newsletter=newsletters["staedtepartnerschaften-nrw"],
        subject_de="Newsletter Städtepartnerschaften NRW – Forum Städtepartnerschaften",
        defaults={
            "preheader_de": "Die nächste Ausgabe der digitalen Veranstaltungsreihe",
            "body_de": DRAFT_DE,
            "include_events": True,
            "include_portraits": True,
            "include_resources": True,
            "status": Issue.Status.DRAFT,
        },
    )
    stdout.write("Newsletter: 2 newsletters, 2 issues, 6 demo subscribers (example.org).")

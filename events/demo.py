"""Demo data of the events app (idempotent: update_or_create on natural keys).

The seed's online exchange of 20 June 2023 as a past event with the talk as its
documentation; upcoming dates relative to today (the demo may be loaded on any date); some
registrations on example.org and one full webinar with a waiting list. No emails are sent.
"""

from datetime import datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from events.models import Event, EventSeries, Registration
from partnerships.models import Partnership
from portal.models import Horizon, Theme

DOCUMENTATION = (Path(__file__).parent / "demo_documentation.md").read_text(encoding="utf-8")

SERIES = [
    # slug, organiser, names (de, uk, en)
    (
        "willkommen-online-austausch",
        "Bertelsmann Stiftung",
        (
            "Willkommen Online Austausch",
            "Онлайн-обмін «Willkommen»",
            "Willkommen online exchange",
        ),
    ),
    (
        "forum-staedtepartnerschaften-nrw",
        "Netzwerkstelle Städtepartnerschaften NRW",
        (
            "Forum Städtepartnerschaften NRW",
            "Форум міст-побратимів NRW",
            "Forum Town Twinning NRW",
        ),
    ),
    (
        "tag-der-staedtepartnerschaften",
        "Netzwerkstelle Städtepartnerschaften NRW",
        (
            "Tag der Städtepartnerschaften",
            "День міст-побратимів",
            "Town Twinning Day",
        ),
    ),
    (
        "webinare",
        "Netzwerkstelle Städtepartnerschaften NRW",
        (
            "Webinare der Netzwerkstelle",
            "Вебінари мережевого бюро",
            "Webinars of the network office",
        ),
    ),
]

VENUE = "Auslandsgesellschaft.de e.V."
ADDRESS = "Steinstr. 48\n44147 Dortmund"


def _at(day, hour: int, minute: int = 0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _events(today) -> list[dict]:
    return [
        {
            "key": (
                "willkommen-online-austausch",
                "Online-Austausch – Hilfe zum Wiederaufbau in der Ukraine",
            ),
            "title": (
                "Online-Austausch – Hilfe zum Wiederaufbau in der Ukraine",
                "Онлайн-обмін – допомога у відбудові України",
                "Online exchange – helping to rebuild Ukraine",
            ),
            "summary": (
                "Die Netzwerkstelle stellt das Reallabor Kommunale Aufbaupartnerschaften "
                "NRW–Ukraine vor, mit Beispielen aus Duisburg, Hürth und Billerbeck.",
                "Мережеве бюро представляє «Реальну лабораторію» муніципальних партнерств "
                "відбудови NRW–Україна з прикладами з Дуйсбурга, Гюрта і Біллербека.",
                "The network office presents the real-world lab for municipal reconstruction "
                "partnerships NRW–Ukraine, with examples from Duisburg, Hürth and Billerbeck.",
            ),
            "start": _at(datetime(2023, 6, 20).date(), 10),
            "end": _at(datetime(2023, 6, 20).date(), 12),
            "format": Event.Format.ONLINE,
            "capacity": None,
            "co_organisers": "Bertelsmann Stiftung",
            "languages": "de",
            "themes": ["wiederaufbau", "humanitaere-hilfe", "migration", "integration"],
            "horizons": ["humanitarian", "reconstruction", "eu-integration"],
            "documentation": DOCUMENTATION,
            "partnerships": [
                "duisburg-kryvyi-rih",
                "huerth-peremyshliany",
                "billerbeck-malyn",
                "versmold-tui",
                "castrop-rauxel-trikala-zonguldak",
            ],
            "registrations": 0,
            "waitlist": 0,
        },
        {
            "key": (
                "forum-staedtepartnerschaften-nrw",
                "Forum Städtepartnerschaften NRW: Partnerschaften mit der Ukraine im Alltag",
            ),
            "title": (
                "Forum Städtepartnerschaften NRW: Partnerschaften mit der Ukraine im Alltag",
                "Форум міст-побратимів NRW: партнерства з Україною в повсякденні",
                "Forum Town Twinning NRW: partnerships with Ukraine in everyday practice",
            ),
            "summary": (
                "Digitales Forum: Wie Kommunen und Vereine ihre ukrainischen Partner über "
                "Hilfslieferungen hinaus begleiten – Praxisberichte und Austausch.",
                "Цифровий форум: як громади та об'єднання супроводжують українських партнерів "
                "поза гуманітарними вантажами.",
                "Digital forum: how municipalities and associations accompany their Ukrainian "
                "partners beyond aid deliveries.",
            ),
            "start": _at(today + timedelta(days=14), 17),
            "end": _at(today + timedelta(days=14), 18, 30),
            "format": Event.Format.ONLINE,
            "capacity": 60,
            "languages": "de,uk",
            "themes": ["humanitaere-hilfe", "wiederaufbau", "verwaltung"],
            "horizons": ["humanitarian", "reconstruction"],
            "registrations": 12,
            "waitlist": 0,
        },
        {
            "key": (
                "forum-staedtepartnerschaften-nrw",
                "Forum Städtepartnerschaften NRW: Jugendbegegnungen mit der Ukraine",
            ),
            "title": (
                "Forum Städtepartnerschaften NRW: Jugendbegegnungen mit der Ukraine",
                "Форум міст-побратимів NRW: молодіжні зустрічі з українськими містами-партнерами",
                "Forum Town Twinning NRW: youth exchanges with Ukrainian partner towns",
            ),
            "summary": (
                "Von der Ferienfreizeit für 19 Kinder aus Malyn bis zum Schüleraustausch: "
                "Erfahrungen, Förderung und Fallstricke.",
                "Від літнього табору для 19 дітей з Малина до шкільних обмінів: досвід, "
                "фінансування та підводні камені.",
                "From a holiday camp for 19 children from Malyn to school exchanges: "
                "experience, funding and pitfalls.",
            ),
            "start": _at(today + timedelta(days=45), 17),
            "end": _at(today + timedelta(days=45), 18, 30),
            "format": Event.Format.ONLINE,
            "capacity": 60,
            "languages": "de,uk",
            "themes": ["jugend", "bildung"],
            "horizons": ["eu-integration"],
            "registrations": 4,
            "waitlist": 0,
        },
        {
            "key": ("tag-der-staedtepartnerschaften", "Tag der Städtepartnerschaften NRW"),
            "title": (
                "Tag der Städtepartnerschaften NRW",
                "День міст-побратимів NRW",
                "NRW Town Twinning Day",
            ),
            "summary": (
                "Die Biennale der Netzwerkstelle: Kommunen, Kreise und Vereine aus NRW und ihre "
                "Partner treffen sich in Dortmund – mit Ideenbörse und Beratung.",
                "Бієнале мережевого бюро: громади, райони та об'єднання з NRW і їхні партнери "
                "зустрічаються в Дортмунді.",
                "The network office's biennial: municipalities, districts and associations from "
                "NRW and their partners meet in Dortmund.",
            ),
            "start": _at(today + timedelta(days=90), 10),
            "end": _at(today + timedelta(days=90), 16),
            "format": Event.Format.HYBRID,
            "capacity": 120,
            "languages": "de,uk,en",
            "themes": ["migration", "integration", "digitalisierung", "nachhaltigkeit"],
            "horizons": ["humanitarian", "reconstruction", "eu-integration"],
            "registrations": 8,
            "waitlist": 0,
        },
        {
            "key": ("webinare", "Webinar: Wie finde ich eine ukrainische Partnerkommune?"),
            "title": (
                "Webinar: Wie finde ich eine ukrainische Partnerkommune?",
                "Вебінар: як знайти українську громаду-партнера?",
                "Webinar: how do I find a Ukrainian partner municipality?",
            ),
            "summary": (
                "Wege zur Partnerschaft – über Drittstädte wie Skawina oder Iecava, die "
                "SKEW-Landkarte und die Netzwerke ukrainischer Geflüchteter in NRW.",
                "Шляхи до партнерства – через треті міста, мапу SKEW і мережі українських "
                "біженців у NRW.",
                "Ways to a partnership – through third towns, the SKEW map and networks of "
                "Ukrainian refugees in NRW.",
            ),
            "start": _at(today + timedelta(days=21), 16),
            "end": _at(today + timedelta(days=21), 17, 30),
            "format": Event.Format.ONLINE,
            "capacity": 6,
            "languages": "de",
            "themes": ["verwaltung", "wiederaufbau"],
            "horizons": ["reconstruction"],
            "registrations": 6,  # full ...
            "waitlist": 3,  # ... with a waiting list
        },
    ]


PEOPLE = [
    ("Anna Becker", "Stadt Hürth", "municipality"),
    ("Mykola Shevchenko", "Ukrainischer Verein Dortmund e.V.", "association"),
    ("Jonas Weber", "Stadt Duisburg", "municipality"),
    ("Olena Kovalenko", "Partnerschaftskomitee Billerbeck", "association"),
    ("Sabine Schulte", "Kreis Coesfeld", "district"),
    ("Iryna Melnyk", "Hochschule Bochum", "school"),
    ("Thomas Krüger", "Stadt Versmold", "municipality"),
    ("Kateryna Bondarenko", "", "private"),
    ("Petra Hoffmann", "Stadt Castrop-Rauxel", "municipality"),
    ("Andrii Tkachenko", "Städtepartnerschaftsverein Hürth e.V.", "association"),
    ("Monika Wagner", "Staatskanzlei NRW", "state"),
    ("Serhii Lysenko", "", "private"),
]


def _upsert(model, lookup: dict, defaults: dict):
    """update_or_create that saves only when something differs (no history noise)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**{**lookup, **defaults})
    changed = [k for k, v in defaults.items() if getattr(obj, k) != v]
    if changed:
        for key in changed:
            setattr(obj, key, defaults[key])
        obj.save()
    return obj


def load_demo(*, stdout, **options) -> None:
    series_by_slug = {}
    for slug, organiser, (de, uk, en) in SERIES:
        series_by_slug[slug] = _upsert(
            EventSeries,
            {"slug": slug},
            {
                "name": de,
                "name_de": de,
                "name_uk": uk,
                "name_en": en,
                "organiser": organiser,
            },
        )
    themes = {t.slug: t for t in Theme.objects.all()}
    horizons = {h.slug: h for h in Horizon.objects.all()}
    today = timezone.localdate()
    count = 0
    for spec in _events(today):
        series = series_by_slug[spec["key"][0]]
        de, uk, en = spec["title"]
        sde, suk, sen = spec["summary"]
        defaults = {
            "title": de,
            "title_de": de,
            "title_uk": uk,
            "title_en": en,
            "summary": sde,
            "summary_de": sde,
            "summary_uk": suk,
            "summary_en": sen,
            "start": spec["start"],
            "end": spec["end"],
            "format": spec["format"],
            "capacity": spec["capacity"],
            "languages": spec["languages"],
            "co_organisers": spec.get("co_organisers", ""),
            "status": Event.Status.PUBLISHED,
            "documentation_de": spec.get("documentation", ""),
        }
        if spec["format"] != Event.Format.ONLINE:
            defaults.update(venue=VENUE, address=ADDRESS)
        if spec["format"] != Event.Format.IN_PERSON:
            defaults["join_url"] = "https://meet.example.org/netzwerkstelle-demo"
        event = _upsert(Event, {"series": series, "title_de": spec["key"][1]}, defaults)
        event.themes.set([themes[s] for s in spec["themes"] if s in themes])
        event.horizons.set([horizons[s] for s in spec["horizons"] if s in horizons])
        # The partnerships app loads its demo first; missing ones are simply not linked.
        event.related_partnerships.set(
            Partnership.objects.filter(slug__in=spec.get("partnerships", []))
        )
        total = spec["registrations"] + spec["waitlist"]
        for index in range(total):
            name, organisation, kind = PEOPLE[index % len(PEOPLE)]
            waiting = index >= spec["registrations"]
            _upsert(
                Registration,
                {"event": event, "email": f"demo-{event.pk}-{index + 1}@example.org"},
                {
                    "name": name,
                    "organisation": organisation,
                    "organisation_kind": kind,
                    "language": "uk" if index % 3 == 1 else "de",
                    "consent": True,
                    "consent_text": "Demo",
                    "consent_at": event.start - timedelta(days=7),
                    "status": Registration.Status.WAITLISTED
                    if waiting
                    else Registration.Status.CONFIRMED,
                    "waitlist_position": index - spec["registrations"] + 1 if waiting else None,
                },
            )
        count += 1
    stdout.write(f"Events: {count} demo events with registrations (example.org addresses).")

"""Demo data of the register: the reference actors and every partnership the seed talk names.

Facts come from the seed (talk of 20 June 2023) and the issue; where a date or detail is not
known, it is left empty rather than invented. Idempotent: a second run changes nothing.
"""

from __future__ import annotations

import random
from datetime import date

from django.db import models, transaction
from django.utils import timezone, translation

from partnerships import services
from partnerships.models import (
    Actor,
    KindChange,
    Milestone,
    Partnership,
    PartnershipMember,
    Project,
    StatusStep,
)
from partnerships.reference import reference_actors_load
from portal import languages
from portal.models import Horizon, Theme

DEMO_REASON = "Demodaten"


def _upsert(model, lookup: dict, values: dict) -> tuple[models.Model, bool]:
    """Create or update; saves only when something differs (no history noise on re-runs)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**{**values, **lookup})
        obj._change_reason = DEMO_REASON
        obj.save()
        return obj, True
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj._change_reason = DEMO_REASON
        obj.save()
    return obj, bool(changed)


def _add_aliases(actor: Actor, *aliases: str) -> None:
    known = {a.casefold() for a in actor.alias_list} | {actor.name.casefold()}
    new = [a for a in aliases if a.casefold() not in known]
    if new:
        actor.aliases = "\n".join([*actor.alias_list, *new])
        actor._change_reason = DEMO_REASON
        actor.save(update_fields=["aliases", "updated_at"])


# Actors outside the reference data; coordinates come from the offline gazetteer.
FOREIGN_ACTORS = [
    # slug, name, country, kind, admin area, aliases
    ("skawina", "Skawina", "PL", "municipality", "Woiwodschaft Kleinpolen", ["Скавіна"]),
    ("iecava", "Iecava", "LV", "municipality", "Bezirk Bauska", ["Eckau", "Иецава"]),
    ("tui", "Tui", "ES", "municipality", "Galicien, Provinz Pontevedra", ["Tuy"]),
    ("trikala", "Trikala", "GR", "municipality", "Thessalien", ["Τρίκαλα", "Tríkala"]),
    ("zonguldak", "Zonguldak", "TR", "municipality", "Provinz Zonguldak", []),
]

CODES = {
    "nrw": "05",
    "duisburg": "05112000",
    "koeln": "05315000",
    "huerth": "05362028",
    "billerbeck": "05558008",
    "versmold": "05754048",
    "castrop-rauxel": "05562004",
    "kryvyi-rih": "UA12060170000091033",
    "peremyshliany": "UA46060330000065074",
    "malyn": "UA18060130000061781",
    "dnipropetrovsk": "UA12000000000090473",
    "dnipro": "UA12020010000033698",
}

EXTRA_ALIASES = {
    "kryvyi-rih": ["Krywyj Rih", "Kriwoi Rog", "Krivoy Rog", "Кривой Рог"],
    "peremyshliany": ["Peremyshlyany", "Peremyschljany"],
    "dnipropetrovsk": ["Oblast Dnipro", "Dnipropetrowsk"],
}

PARTNERSHIPS = [
    {
        "slug": "duisburg-kryvyi-rih",
        "title": {
            "de": "Duisburg – Kryvyi Rih",
            "uk": "Дуйсбург – Кривий Ріг",
            "en": "Duisburg – Kryvyi Rih",
        },
        "kind": "solidarity",
        "is_formal": True,
        "status": "signed",
        "since": (date(2023, 2, 21), "day"),
        "partners": ["duisburg", "kryvyi-rih"],
        "brokers": [],
        "steps": [
            ("council_decision", date(2023, 2, 9), "day", "Ratsbeschluss der Stadt Duisburg"),
            ("signed", date(2023, 2, 21), "day", ""),
        ],
        "themes": ["wirtschaft"],
        "horizons": [],
        "text": {
            "summary": {
                "de": "Solidaritätspartnerschaft seit Februar 2023 zwischen zwei Stahlstädten "
                "mit großen strukturellen Gemeinsamkeiten.",
                "uk": "Партнерство солідарності з лютого 2023 року між двома містами "
                "металургів зі схожою структурою.",
                "en": "A solidarity partnership since February 2023 between two steel towns "
                "with much in common.",
            },
            "origin": {
                "de": "Zwischen Duisburg und Kryvyi Rih bestanden bereits wirtschaftliche "
                "Verbindungen im Bereich Metall: ArcelorMittal betreibt ein Stahlwerk in "
                "Kryvyi Rih. Der Rat der Stadt Duisburg beschloss die Partnerschaft am "
                "9. Februar 2023, unterzeichnet wurde sie am 21. Februar 2023.",
                "uk": "Між Дуйсбургом і Кривим Рогом уже існували економічні зв'язки в "
                "металургії: ArcelorMittal має сталеливарний завод у Кривому Розі. "
                "Міська рада Дуйсбурга ухвалила рішення про партнерство 9 лютого 2023 року, "
                "підписано його 21 лютого 2023 року.",
                "en": "Duisburg and Kryvyi Rih already had economic ties in metals: "
                "ArcelorMittal runs a steelworks in Kryvyi Rih. Duisburg's city council "
                "decided on the partnership on 9 February 2023; it was signed on "
                "21 February 2023.",
            },
            "motives": {
                "de": "Ähnlichkeiten bei Stadtstruktur, Größe und Portfolio – insgesamt "
                "große strukturelle Gemeinsamkeiten. Sie gelten als Grundlage für eine "
                "langfristige Partnerschaft.",
                "uk": "Схожість міської структури, розміру та профілю – загалом багато "
                "спільного. Це основа для довгострокового партнерства.",
                "en": "Similar urban structure, size and economic profile – the basis for a "
                "long-term partnership.",
            },
        },
        "milestones": [
            (
                date(2023, 2, 9),
                "day",
                {
                    "de": "Ratsbeschluss in Duisburg",
                    "uk": "Рішення міської ради Дуйсбурга",
                    "en": "Council decision in Duisburg",
                },
            ),
            (
                date(2023, 2, 21),
                "day",
                {
                    "de": "Unterzeichnung der Solidaritätspartnerschaft",
                    "uk": "Підписання партнерства солідарності",
                    "en": "Solidarity partnership signed",
                },
            ),
        ],
        "projects": [],
    },
    {
        "slug": "huerth-peremyshliany",
        "title": {
            "de": "Hürth – Peremyshlyany",
            "uk": "Гюрт – Перемишляни",
            "en": "Hürth – Peremyshliany",
        },
        "kind": "friendship",
        "is_formal": True,
        "status": "signed",
        "since": (date(2021, 10, 1), "month"),
        "partners": ["huerth", "peremyshliany"],
        "brokers": ["skawina"],
        "steps": [
            ("first_contact", date(2018, 1, 1), "year", "über die polnische Partnerstadt Skawina"),
            ("signed", date(2021, 10, 1), "month", "Freundschaftsvereinbarung"),
        ],
        "themes": ["humanitaere-hilfe", "jugend", "verwaltung"],
        "horizons": ["humanitarian"],
        "text": {
            "summary": {
                "de": "Partnerschaft seit Oktober 2021, angebahnt über die gemeinsame "
                "polnische Partnerstadt Skawina – mit Verwaltungs- und Feuerwehraustausch, "
                "Nothilfe und Schüleraustausch.",
                "uk": "Партнерство з жовтня 2021 року, що виникло завдяки спільному "
                "польському місту-партнеру Скавіні: обміни адміністрацій і пожежних, "
                "гуманітарна допомога, шкільні обміни.",
                "en": "A partnership since October 2021 that grew out of the shared Polish "
                "partner town Skawina – administration and fire brigade exchanges, "
                "emergency aid and school exchanges.",
            },
            "origin": {
                "de": "Kontakte bestehen bereits seit 2018 über die polnische Partnerstadt "
                "Skawina. Im Oktober 2021 schlossen Hürth und Peremyshlyany eine "
                "Freundschaftsvereinbarung.",
                "uk": "Контакти існують з 2018 року завдяки польському місту-партнеру "
                "Скавіні. У жовтні 2021 року Гюрт і Перемишляни уклали угоду про дружбу.",
                "en": "Contacts date back to 2018, through the Polish partner town Skawina. "
                "In October 2021 Hürth and Peremyshliany signed a friendship agreement.",
            },
            "emergency_aid": {
                "de": "Unmittelbar seit dem Angriffskrieg im Februar 2022: humanitäre "
                "Nothilfe, umfassende Hilfslieferungen und der Aufbau von "
                "Logistik-Strukturen.",
                "uk": "Одразу після початку загарбницької війни в лютому 2022 року: "
                "екстрена гуманітарна допомога, масштабні поставки та побудова логістики.",
                "en": "Right after the full-scale invasion in February 2022: emergency "
                "humanitarian aid, extensive aid deliveries and building up logistics.",
            },
            "successes": {
                "de": "Intensiver Austausch beider Verwaltungen und der Feuerwehren, mehrere "
                "Gegenbesuche und Projekte.",
                "uk": "Інтенсивний обмін між адміністраціями та пожежними, кілька взаємних "
                "візитів і проєктів.",
                "en": "Intensive exchange between both administrations and fire brigades, "
                "several return visits and projects.",
            },
            "funding": {
                "de": "Projekte mit Unterstützung der Servicestelle Kommunen in der Einen "
                "Welt (SKEW).",
                "uk": "Проєкти за підтримки Сервісного центру «Комуни в єдиному світі» (SKEW).",
                "en": "Projects supported by the Service Agency Communities in One World (SKEW).",
            },
            "involvement": {
                "de": "Engagement der Zivilgesellschaft, zum Beispiel Schüleraustausche mit "
                "der polnischen und der ukrainischen Partnerstadt.",
                "uk": "Залучення громадянського суспільства, наприклад шкільні обміни з "
                "польським і українським містами-партнерами.",
                "en": "Civil society involvement, for example school exchanges with the "
                "Polish and the Ukrainian partner town.",
            },
        },
        "milestones": [
            (
                date(2018, 1, 1),
                "year",
                {
                    "de": "Erste Kontakte über Skawina",
                    "uk": "Перші контакти через Скавіну",
                    "en": "First contacts via Skawina",
                },
            ),
            (
                date(2021, 10, 1),
                "month",
                {
                    "de": "Freundschaftsvereinbarung",
                    "uk": "Угода про дружбу",
                    "en": "Friendship agreement",
                },
            ),
            (
                date(2022, 2, 1),
                "month",
                {
                    "de": "Beginn der humanitären Nothilfe",
                    "uk": "Початок екстреної гуманітарної допомоги",
                    "en": "Emergency aid begins",
                },
            ),
        ],
        "projects": [
            (
                {
                    "de": "Hilfslieferungen und Logistik",
                    "uk": "Гуманітарні вантажі та логістика",
                    "en": "Aid deliveries and logistics",
                },
                "humanitarian",
                "",
            ),
            (
                {
                    "de": "Austausch der Feuerwehren",
                    "uk": "Обмін пожежних",
                    "en": "Fire brigade exchange",
                },
                "",
                "mit Unterstützung der SKEW",
            ),
            (
                {
                    "de": "Schüleraustausch mit Skawina und Peremyshlyany",
                    "uk": "Шкільний обмін зі Скавіною та Перемишлянами",
                    "en": "School exchange with Skawina and Peremyshliany",
                },
                "",
                "",
            ),
        ],
    },
    {
        "slug": "billerbeck-malyn",
        "title": {
            "de": "Billerbeck – Malyn",
            "uk": "Біллербек – Малин",
            "en": "Billerbeck – Malyn",
        },
        "kind": "twinning",
        "is_formal": True,
        "status": "signed",
        "since": (date(2023, 3, 1), "month"),
        "partners": ["billerbeck", "malyn"],
        "brokers": ["iecava"],
        "steps": [("signed", date(2023, 3, 1), "month", "")],
        "themes": ["humanitaere-hilfe", "jugend"],
        "horizons": ["humanitarian"],
        "text": {
            "summary": {
                "de": "Städtepartnerschaft seit März 2023, entstanden über die lettische "
                "Partnerstadt Iecava – mit einer Ferienfreizeit für 19 Kinder aus Malyn.",
                "uk": "Партнерство міст з березня 2023 року, що виникло через латвійське "
                "місто-партнер Ієцаву, – з літнім табором для 19 дітей з Малина.",
                "en": "A town twinning since March 2023 that came about through the Latvian "
                "partner town Iecava – including a holiday camp for 19 children from Malyn.",
            },
            "origin": {
                "de": "Kontakte zum Bürgermeister von Malyn entstanden über die lettische "
                "Partnerstadt Iecava, anlässlich eines Besuchs der Billerbecker Stadtspitze "
                "in Iecava.",
                "uk": "Контакти з міським головою Малина виникли через латвійське "
                "місто-партнер Ієцаву під час візиту керівництва Біллербека до Ієцави.",
                "en": "Contacts with the mayor of Malyn came about through the Latvian "
                "partner town Iecava, during a visit of Billerbeck's town leadership there.",
            },
            "emergency_aid": {
                "de": "Hilfslieferungen auf zivilgesellschaftliche Initiative kurz nach dem "
                "russischen Angriff.",
                "uk": "Гуманітарні вантажі з ініціативи громадськості невдовзі після "
                "російського нападу.",
                "en": "Aid deliveries on civil-society initiative shortly after the Russian "
                "attack.",
            },
            "motives": {
                "de": "Strukturelle Gemeinsamkeiten zwischen Billerbeck und Malyn.",
                "uk": "Структурна схожість Біллербека та Малина.",
                "en": "Structural similarities between Billerbeck and Malyn.",
            },
        },
        "milestones": [
            (
                date(2022, 7, 1),
                "year",
                {
                    "de": "Sommer 2022: Ferienfreizeit für 19 Kinder aus Malyn in Billerbeck",
                    "uk": "Літо 2022: табір відпочинку для 19 дітей з Малина в Біллербеку",
                    "en": "Summer 2022: holiday camp for 19 children from Malyn in Billerbeck",
                },
            ),
            (
                date(2023, 3, 1),
                "month",
                {
                    "de": "Abschluss der Städtepartnerschaft",
                    "uk": "Укладення партнерства міст",
                    "en": "Town twinning concluded",
                },
            ),
        ],
        "projects": [
            (
                {
                    "de": "Ferienfreizeit für 19 Kinder aus Malyn",
                    "uk": "Табір відпочинку для 19 дітей з Малина",
                    "en": "Holiday camp for 19 children from Malyn",
                },
                "humanitarian",
                "",
            ),
        ],
    },
    {
        "slug": "versmold-tui",
        "title": {"de": "Versmold – Tui", "uk": "Версмольд – Туй", "en": "Versmold – Tui"},
        "kind": "twinning",
        "is_formal": False,
        "status": "council_decision",
        "since": None,
        "partners": ["versmold", "tui"],
        "brokers": [],
        "steps": [],
        "themes": ["migration", "integration"],
        "horizons": [],
        "text": {
            "summary": {
                "de": "Eine neue Städtepartnerschaft mit einem Herkunftsort der eigenen "
                "Migrationsbevölkerung, initiiert von der Verwaltung.",
                "en": "A new town twinning with a place of origin of Versmold's own migrant "
                "population, initiated by the town administration.",
            },
            "origin": {
                "de": "Ausgangspunkt war die Herkunftsstatistik der Versmolder "
                "Migrationsbevölkerung: Die größte Gruppe kommt aus Polen – dorthin besteht "
                "bereits eine Städtepartnerschaft –, die zweitgrößte aus Spanien. Die "
                "spanische Migrationsbevölkerung wurde nach Regionen aufgeschlüsselt; mit "
                "großer Mehrheit wurde Galicien Zielregion. Nach intensiven Gesprächen mit "
                "der spanischen Community, einer Prioritätenliste geeigneter Partnerstädte "
                "und der Einbeziehung der Ratsfraktionen erwies sich Tui als idealer "
                "Partner; ein Bürgermeisterwechsel brachte eine zeitliche Verzögerung.",
                "en": "It started with statistics on where Versmold's migrant population "
                "comes from: the largest group from Poland (a twinning exists already), the "
                "second largest from Spain. Broken down by region, Galicia became the target "
                "region by a large majority. After intensive talks with the Spanish "
                "community, a priority list of suitable towns and involving the council "
                "groups, Tui proved the ideal partner; a change of mayor caused a delay.",
            },
            "lessons": {
                "de": "Der Weg: Herkunftsstatistik → Einbeziehung des Rates → Gespräche mit "
                "der Community → Prioritätenliste → Ratsbeschluss → Unterzeichnung des "
                "Partnerschaftsvertrags.",
                "en": "The path: origin statistics → involving the council → talks with the "
                "community → priority list → council decision → signing the agreement.",
            },
        },
        "milestones": [],
        "projects": [],
    },
    {
        "slug": "castrop-rauxel-trikala-zonguldak",
        "title": {
            "de": "Castrop-Rauxel – Trikala – Zonguldak",
            "uk": "Кастроп-Рауксель – Трикала – Зонгулдак",
            "en": "Castrop-Rauxel – Trikala – Zonguldak",
        },
        "kind": "twinning",
        "is_formal": False,
        "status": "council_decision",
        "since": None,
        "partners": ["castrop-rauxel", "trikala", "zonguldak"],
        "brokers": [],
        "steps": [],
        "themes": ["migration", "integration"],
        "horizons": [],
        "text": {
            "summary": {
                "de": "Städtepartnerschaften mit Trikala (Griechenland) und Zonguldak "
                "(Türkei), initiiert vom Integrationsrat – sie sollen zur "
                "Dreieckspartnerschaft werden.",
                "en": "Twinnings with Trikala (Greece) and Zonguldak (Türkiye), initiated by "
                "the integration council – meant to become a triangle partnership.",
            },
            "origin": {
                "de": "Im Integrationsrat wünschten sich die türkische und die griechische "
                "Community jeweils eine Partnerschaft mit einer griechischen bzw. "
                "türkischen Stadt. Der Rat beschloss, die Städtepartnerschaften zu einer "
                "Dreieckspartnerschaft zu machen.",
                "en": "In the integration council, the Turkish and the Greek community each "
                "wished for a partnership with a Turkish or Greek town. The council decided "
                "to turn the twinnings into a triangle partnership.",
            },
            "involvement": {
                "de": "Gründung eines gemeinsamen Partnerschaftsvereins von "
                "Herkunftsdeutschen sowie griechischer und türkischer Community.",
                "en": "A joint twinning association founded by Germans and the Greek and "
                "Turkish communities.",
            },
        },
        "milestones": [],
        "projects": [],
    },
    {
        "slug": "nrw-oblast-dnipropetrowsk",
        "title": {
            "de": "Nordrhein-Westfalen – Oblast Dnipropetrowsk",
            "uk": "Північний Рейн-Вестфалія – Дніпропетровська область",
            "en": "North Rhine-Westphalia – Dnipropetrovsk Oblast",
        },
        "kind": "regional",
        "is_formal": False,
        "status": "active",
        "since": (date(2023, 2, 1), "month"),
        "partners": ["nrw", "dnipropetrovsk"],
        "brokers": [],
        "steps": [],
        "themes": ["wiederaufbau"],
        "horizons": [],
        "text": {
            "summary": {
                "de": "Regionalpartnerschaft des Landes Nordrhein-Westfalen mit der Oblast "
                "Dnipropetrowsk seit Februar 2023.",
                "uk": "Регіональне партнерство землі Північний Рейн-Вестфалія з "
                "Дніпропетровською областю з лютого 2023 року.",
                "en": "Regional partnership of the state of North Rhine-Westphalia with "
                "Dnipropetrovsk Oblast since February 2023.",
            },
            "lessons": {
                "de": "Die Netzwerkstelle koppelt die kommunalen Partnerschaften im Projekt "
                "„Reallabor Kommunale Aufbaupartnerschaften NRW-Ukraine“ an diese "
                "Landesebene zurück und prüft Synergien.",
                "en": "In the project “Reallabor Kommunale Aufbaupartnerschaften "
                "NRW-Ukraine” the network office links municipal partnerships with this "
                "state-level partnership and looks for synergies.",
            },
        },
        "milestones": [],
        "projects": [],
    },
    {
        "slug": "koeln-dnipro",
        "title": {"de": "Köln – Dnipro", "uk": "Кельн – Дніпро", "en": "Cologne – Dnipro"},
        "kind": "twinning",
        "is_formal": False,
        "status": "active",
        "since": None,
        "partners": ["koeln", "dnipro"],
        "brokers": [],
        "steps": [],
        "themes": [],
        "horizons": [],
        "kind_changes": [("project", "twinning")],
        "text": {
            "summary": {
                "de": "Aus einer Projektpartnerschaft wurde eine Städtepartnerschaft.",
                "uk": "Проєктне партнерство переросло в партнерство міст.",
                "en": "A project partnership that became a town twinning.",
            },
        },
        "milestones": [],
        "projects": [],
    },
]


def _actors_by_key() -> dict[str, Actor]:
    actors = {key: Actor.objects.get(official_code=code) for key, code in CODES.items()}
    for slug, name, country, kind, area, aliases in FOREIGN_ACTORS:
        actor, _created = _upsert(
            Actor,
            {"slug": slug},
            {"name": name, "country": country, "kind": kind, "admin_area": area},
        )
        _add_aliases(actor, *aliases)
        if actor.latitude is None and not services.actor_geocode(actor=actor):
            raise RuntimeError(f"Demo actor {name} ({country}) not found in the gazetteer")
        actors[slug] = actor
    for key, aliases in EXTRA_ALIASES.items():
        _add_aliases(actors[key], *aliases)
    return actors


def _translated(prefix: str, texts: dict[str, str]) -> dict:
    return {f"{prefix}_{lang}": texts.get(lang, "") for lang in languages.CODES}


def _load_partnership(spec: dict, actors: dict[str, Actor], published_at) -> Partnership:
    values = {
        "kind": spec["kind"],
        "is_formal": spec["is_formal"],
        "status": spec["status"],
        "since": spec["since"][0] if spec["since"] else None,
        "since_precision": spec["since"][1] if spec["since"] else "year",
        "publication_state": Partnership.Publication.PUBLISHED,
        **_translated("title", spec["title"]),
    }
    values["title"] = spec["title"]["de"]
    for field in Partnership.PORTRAIT_FIELDS:
        values.update(_translated(field, spec["text"].get(field, {})))
    partnership, changed = _upsert(Partnership, {"slug": spec["slug"]}, values)
    if partnership.published_at is None:
        partnership.published_at = published_at
        partnership.save(update_fields=["published_at"])
    for role, keys in (("partner", spec["partners"]), ("broker", spec["brokers"])):
        for i, key in enumerate(keys):
            _upsert(
                PartnershipMember,
                {"partnership": partnership, "actor": actors[key]},
                {"role": role, "position": i if role == "partner" else 100 + i},
            )
    for status, day, precision, note in spec["steps"]:
        _upsert(
            StatusStep,
            {"partnership": partnership, "status": status},
            {"date": day, "precision": precision, "note": note},
        )
    for from_kind, to_kind in spec.get("kind_changes", []):
        if not partnership.kind_changes.filter(from_kind=from_kind, to_kind=to_kind).exists():
            KindChange.objects.create(partnership=partnership, from_kind=from_kind, to_kind=to_kind)
    for day, precision, titles in spec["milestones"]:
        _upsert(
            Milestone,
            {"partnership": partnership, "title_de": titles["de"]},
            {
                "date": day,
                "precision": precision,
                **_translated("title", titles),
                "title": titles["de"],
            },
        )
    for titles, horizon_slug, funding in spec["projects"]:
        horizon = Horizon.objects.filter(slug=horizon_slug).first() if horizon_slug else None
        _upsert(
            Project,
            {"partnership": partnership, "title_de": titles["de"]},
            {
                **_translated("title", titles),
                "title": titles["de"],
                "horizon": horizon,
                "funding_source": funding,
            },
        )
    wanted_themes = set(Theme.objects.filter(slug__in=spec["themes"]).values_list("pk", flat=True))
    if set(partnership.themes.values_list("pk", flat=True)) != wanted_themes:
        partnership.themes.set(wanted_themes)
        changed = True
    wanted_horizons = set(
        Horizon.objects.filter(slug__in=spec["horizons"]).values_list("pk", flat=True)
    )
    if set(partnership.horizons.values_list("pk", flat=True)) != wanted_horizons:
        partnership.horizons.set(wanted_horizons)
        changed = True
    if changed:
        services.published_data_changed()
    return partnership


def load_partnerships(*, stdout=None) -> list[Partnership]:
    actors = _actors_by_key()
    published_at = timezone.now()
    with translation.override("de"):
        return [_load_partnership(spec, actors, published_at) for spec in PARTNERSHIPS]


SYNTHETIC_PREFIX = "synthetisch"


@transaction.atomic
def synthetic_partnerships_create(*, count: int, seed: int = 20230620) -> int:
    """Create up to ``count`` clearly marked synthetic partnerships (load tests), each between
    two new synthetic actors placed near a random NRW municipality and a random hromada.
    Idempotent: numbering continues where an earlier run stopped."""
    existing = Partnership.objects.filter(is_synthetic=True).count()
    todo = count - existing
    if todo <= 0:
        return 0
    rng = random.Random(seed + existing)
    de_places = list(
        Actor.objects.filter(kind="municipality", country="DE").values_list(
            "pk", "latitude", "longitude", "region_id", "district_id"
        )
    )
    ua_places = list(
        Actor.objects.filter(kind="hromada", country="UA", region__isnull=False).values_list(
            "pk", "latitude", "longitude", "region_id", "district_id"
        )
    )
    kinds = [k for k, _label in Partnership.Kind.choices]
    statuses = [s for s, _label in Partnership.Status.choices]
    actors, partnerships = [], []
    for n in range(existing, count):
        pair = []
        for side, places, country, kind in (
            ("de", de_places, "DE", "association"),
            ("ua", ua_places, "UA", "association"),
        ):
            _pk, lat, lon, region_id, district_id = rng.choice(places)
            pair.append(
                Actor(
                    kind=kind,
                    name=f"[Synthetisch] Akteur {n}-{side}",
                    slug=f"{SYNTHETIC_PREFIX}-akteur-{n}-{side}",
                    country=country,
                    latitude=round(lat + rng.uniform(-0.05, 0.05), 5),
                    longitude=round(lon + rng.uniform(-0.05, 0.05), 5),
                    coordinate_source=Actor.CoordinateSource.MANUAL,
                    region_id=region_id,
                    district_id=district_id,
                    is_synthetic=True,
                )
            )
        actors.append(pair)
        year = rng.randint(1990, 2024)
        partnerships.append(
            Partnership(
                title=f"[Synthetisch] Partnerschaft {n}",
                title_de=f"[Synthetisch] Partnerschaft {n}",
                slug=f"{SYNTHETIC_PREFIX}-{n}",
                kind=rng.choice(kinds),
                is_formal=rng.random() < 0.5,
                status=rng.choice(statuses),
                since=date(year, rng.randint(1, 12), 1),
                since_precision="month",
                summary=f"Synthetischer Datensatz für Lasttests ({n}).",
                summary_de=f"Synthetischer Datensatz für Lasttests ({n}).",
                publication_state=Partnership.Publication.PUBLISHED,
                published_at=timezone.now(),
                is_synthetic=True,
            )
        )
    flat = Actor.objects.bulk_create([a for pair in actors for a in pair], batch_size=1000)
    created = Partnership.objects.bulk_create(partnerships, batch_size=1000)
    if any(a.pk is None for a in flat) or any(p.pk is None for p in created):
        flat = list(Actor.objects.filter(slug__in=[a.slug for a in flat]).order_by("pk"))
        created = list(
            Partnership.objects.filter(slug__in=[p.slug for p in created]).order_by("pk")
        )
    members = []
    for i, partnership in enumerate(created):
        members += [
            PartnershipMember(partnership=partnership, actor=flat[2 * i], position=0),
            PartnershipMember(partnership=partnership, actor=flat[2 * i + 1], position=1),
        ]
    PartnershipMember.objects.bulk_create(members, batch_size=2000)
    services.published_data_changed()
    return todo


def load_demo(*, stdout, synthetic: int = 0, **options) -> None:
    result = reference_actors_load()
    stdout.write(
        f"Reference actors: {result.created} created, {result.updated} updated, "
        f"{result.unchanged} unchanged."
    )
    partnerships = load_partnerships(stdout=stdout)
    stdout.write(f"Demo partnerships: {len(partnerships)} (from the seed).")
    if synthetic:
        made = synthetic_partnerships_create(count=synthetic)
        stdout.write(f"Synthetic partnerships: {made} created ({synthetic} wanted in total).")

"""Demo data of the library, from the seed talk of 20 June 2023 and the funding reference.

Idempotent: natural keys (slugs) with update_or_create; the publication's PDF is attached
only once; the guide's PDF is rendered only when its inputs changed (hash).
"""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import guides, services
from knowledge.demo_funding import PROGRAMS
from knowledge.models import (
    Country,
    FundingDeadline,
    FundingProgram,
    FundingSource,
    Guide,
    GuideSection,
    Resource,
    TargetGroup,
)
from portal.models import Horizon, Theme

OFFICE = "Netzwerkstelle Städtepartnerschaften NRW"


def _at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 10, 0, tzinfo=datetime.UTC)


RESOURCES = [
    {
        "slug": "migration-und-integration-in-staedtepartnerschaften",
        "kind": Resource.Kind.PUBLICATION,
        "title": (
            "Migration und Integration in Städtepartnerschaften",
            "Migration and integration in town twinning",
            "Міграція та інтеграція в партнерствах міст",
        ),
        "summary": (
            "Publikation der Netzwerkstelle: neue Städtepartnerschaften mit den Herkunftsorten "
            "der eigenen Migrationsbevölkerung – mit den Beispielen Versmold–Tui und "
            "Castrop-Rauxel–Trikala–Zonguldak.",
            "A publication of the network office: new town partnerships with the places of "
            "origin of a town's migrant population, with the examples Versmold–Tui and "
            "Castrop-Rauxel–Trikala–Zonguldak.",
        ),
        "body": (
            "Die Netzwerkstelle Städtepartnerschaften NRW hat Migration und Integration als "
            "Themenschwerpunkt. Die Publikation zeigt, wie Kommunen neue "
            "Städtepartnerschaften mit den Herkunftsorten ihrer Migrationsbevölkerung "
            "schließen.\n\n"
            "## Zwei Wege\n\n"
            "- **Versmold – Tui**: initiiert von der Verwaltung.\n"
            "- **Castrop-Rauxel – Trikala (Griechenland) und Zonguldak (Türkei)**: initiiert "
            "vom Integrationsrat.\n\n"
            "Beide Beispiele sind in der Ideenbörse als Best Practice beschrieben.",
            "",
        ),
        "themes": ["migration", "integration"],
        "horizons": [],
        "countries": ["DE", "ES", "GR", "TR"],
        "target_groups": ["municipality", "association"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 1),
        "attach_pdf": True,
    },
    {
        "slug": "versmold-tui-partnerschaft-aus-der-herkunftsstatistik",
        "kind": Resource.Kind.BEST_PRACTICE,
        "title": (
            "Versmold – Tui: eine neue Städtepartnerschaft aus der Herkunftsstatistik",
            "Versmold – Tui: a new town partnership chosen from the origins of the population",
            "Версмольд – Туй: нове партнерство міст на основі статистики походження",
        ),
        "summary": (
            "Die Verwaltung von Versmold wählte eine neue Partnerstadt nach den Herkunftsorten "
            "der eigenen Migrationsbevölkerung – mit Einbeziehung des Rates und einer "
            "Prioritätenliste bis zur Unterzeichnung mit Tui in Galicien.",
            "Versmold's administration chose a new twin town from the origins of its migrant "
            "population – with the council involved and a priority list, up to the signing "
            "with Tui in Galicia.",
        ),
        "body": (
            "Die Partnerschaft wurde **von der Verwaltung initiiert**. Die Schritte:\n\n"
            "1. **Herkunftsstatistik** der Versmolder Migrationsbevölkerung erstellen.\n"
            "2. **Größte Gruppe: Polen** – mit Polen existiert bereits eine "
            "Städtepartnerschaft.\n"
            "3. **Zweitgrößte Gruppe: Spanien.** Die spanische Migrationsbevölkerung wurde "
            "differenziert nach Regionen aufgeschlüsselt; es gab intensive Gespräche mit der "
            "spanischen Community.\n"
            "4. **Einbeziehung des Rates** und der Ratsfraktionen.\n"
            "5. **Galizien als Zielregion** – beschlossen mit großer Mehrheit.\n"
            "6. Eine **Prioritätenliste** der geeigneten Partnerstädte; **Tui** erwies sich "
            "als idealer Partner.\n"
            "7. Ein **Wechsel im Bürgermeisteramt** führte zu einer zeitlichen Verzögerung.\n"
            "8. **Unterzeichnung** des Partnerschaftsvertrags.\n\n"
            "**Übertragbar:** Eine Statistik der Herkunftsorte gibt einer neuen Partnerschaft "
            "von Anfang an Menschen vor Ort, die sie tragen.",
            "",
        ),
        "themes": ["migration", "integration"],
        "horizons": [],
        "countries": ["DE", "ES", "PL"],
        "target_groups": ["municipality"],
        "organisation": "Stadt Versmold",
        "published_at": _at(2023, 6, 2),
        "partnerships": ["versmold-tui"],
    },
    {
        "slug": "castrop-rauxel-dreieckspartnerschaft-trikala-zonguldak",
        "kind": Resource.Kind.BEST_PRACTICE,
        "title": (
            "Castrop-Rauxel – Trikala – Zonguldak: Dreieckspartnerschaft aus dem Integrationsrat",
            "Castrop-Rauxel – Trikala – Zonguldak: a triangle partnership from the integration "
            "council",
            "Кастроп-Рауксель – Трикала – Зонгулдак: трикутне партнерство",
        ),
        "summary": (
            "Der Integrationsrat brachte den Wunsch der türkischen und der griechischen "
            "Community ein; daraus wurden Partnerschaften mit Trikala und Zonguldak, die zur "
            "Dreieckspartnerschaft werden sollen – getragen von einem gemeinsamen Verein.",
            "The integration council brought in the wish of the Turkish and Greek communities; "
            "partnerships with Trikala and Zonguldak followed, to become a triangle partnership "
            "carried by a joint association.",
        ),
        "body": (
            "Die Initiative kam **vom Integrationsrat**:\n\n"
            "1. Die **türkische und die griechische Community** wünschten sich jeweils eine "
            "Partnerschaft mit einer griechischen bzw. türkischen Stadt.\n"
            "2. **Ratsbeschluss.**\n"
            "3. Die Städtepartnerschaften sollen zur **Dreieckspartnerschaft** werden: "
            "Castrop-Rauxel, Trikala (Griechenland) und Zonguldak (Türkei).\n"
            "4. **Unterzeichnung** der jeweiligen Partnerschaftsverträge.\n"
            "5. **Gründung eines gemeinsamen Partnerschaftsvereins** von Herkunftsdeutschen "
            "sowie griechischer und türkischer Community.\n\n"
            "**Übertragbar:** Ein gemeinsamer Verein verbindet Communities, statt "
            "Partnerschaften nebeneinander laufen zu lassen.",
            "",
        ),
        "themes": ["migration", "integration"],
        "horizons": [],
        "countries": ["DE", "GR", "TR"],
        "target_groups": ["municipality", "association"],
        "organisation": "Stadt Castrop-Rauxel",
        "published_at": _at(2023, 6, 3),
        "partnerships": ["castrop-rauxel-trikala-zonguldak"],
    },
    {
        "slug": "reallabor-kommunaler-aufbaupartnerschaften-nrw-ukraine",
        "kind": Resource.Kind.DOCUMENTATION,
        "title": (
            "Reallabor Kommunaler Aufbaupartnerschaften NRW–Ukraine: Dokumentation",
            "Reallabor of municipal reconstruction partnerships NRW–Ukraine: documentation",
            "Реальна лабораторія комунальних партнерств відбудови NRW–Україна",
        ),
        "summary": (
            "Das Anschlussprojekt der Netzwerkstelle (Januar 2023 – Juni 2024, gefördert durch "
            "die Staatskanzlei NRW) sammelt und dokumentiert die Ansätze der NRW-Kommunen für "
            "ihre ukrainischen Partnerkommunen.",
            "The network office's follow-up project (January 2023 – June 2024, funded by the "
            "NRW state chancellery) collects and documents how NRW municipalities support "
            "their Ukrainian partners.",
        ),
        "body": (
            "Seit Februar 2022 liegt der Fokus der Netzwerkstelle auf der Ukraine: digitale "
            "Veranstaltungen zu deutsch-ukrainischen Städtepartnerschaften, der Sondernewsletter "
            "„Im Blickpunkt: Ukraine“ und die Begleitung und Beratung von NRW-Kommunen mit "
            "Partnerschaftsvorhaben Richtung Ukraine.\n\n"
            "## Projektziele – drei Zeithorizonte\n\n"
            "- Kurzfristig: humanitäre Hilfe\n"
            "- Mittelfristig: Wiederaufbau\n"
            "- Langfristig: EU-Integration der Ukraine und Partnerschaft auf Augenhöhe\n\n"
            "## Programmbausteine\n\n"
            "- **Austauschforum:** Welche pragmatischen Ansätze verfolgen NRW-Kommunen und "
            "Kreise zur Unterstützung ihrer Partnerkommunen in der gesamten Ukraine?\n"
            "- **Begleitung** weiterer interessierter Kommunen und Kreise.\n"
            "- **Qualifizierung & Vernetzung:** Webinare und Seminare.\n"
            "- **Rückkoppelung mit der Landesebene** (NRW-Regionalpartnerschaft mit der Oblast "
            "Dnipropetrowsk seit Februar 2023).\n"
            "- **Dokumentation:** Newsletter, Webartikel, Berichte – kommunale "
            "Erfahrungsschätze heben zu Solidaritätspartnerschaften, Wiederaufbau von "
            "Kriegsgebieten und Überbrückung von Ost-West-Konflikten.\n"
            "- **Wissenstransfer:** Leitfäden, Best Practices, Lessons Learned.\n\n"
            "## Engagement ukrainischer Geflüchteter\n\n"
            "Initiative der ukrainischen Community vor Ort, Kontaktaufnahme der Kommunen mit "
            "Netzwerken Geflüchteter; der Organisationsgrad reicht vom losen Verbund "
            "Ehrenamtlicher bis zur Neugründung von Vereinen.",
            "",
        ),
        "themes": ["wiederaufbau", "humanitaere-hilfe", "eu-integration"],
        "horizons": ["humanitarian", "reconstruction", "eu-integration"],
        "countries": ["DE", "UA"],
        "target_groups": ["municipality", "district", "refugee-initiative"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 20),
        "partnerships": ["nrw-oblast-dnipropetrowsk"],
    },
    {
        "slug": "lessons-learned-duisburg-kryvyi-rih",
        "kind": Resource.Kind.LESSONS_LEARNED,
        "title": (
            "Lessons Learned: Duisburg – Kryvyi Rih",
            "Lessons learned: Duisburg – Kryvyi Rih",
            "Уроки: Дуйсбург – Кривий Ріг",
        ),
        "summary": (
            "Solidaritätspartnerschaft seit Februar 2023, aufgebaut auf wirtschaftlichen "
            "Verbindungen im Bereich Metall und großen strukturellen Gemeinsamkeiten.",
            "A solidarity partnership since February 2023, built on economic ties in metal "
            "and large structural similarities.",
        ),
        "body": (
            "- Es gab bereits **wirtschaftliche Verbindungen im Bereich Metall** (ArcelorMittal, "
            "Stahlwerk in Kryvyi Rih).\n"
            "- **Ähnlichkeiten** bei Stadtstruktur, Größe und Portfolio – insgesamt große "
            "strukturelle Gemeinsamkeiten.\n\n"
            "**Gelernt:** Bestehende wirtschaftliche Verbindungen und strukturelle "
            "Gemeinsamkeiten sind eine Grundlage für eine langfristige Partnerschaft.",
            "",
        ),
        "themes": ["wirtschaft", "wiederaufbau"],
        "horizons": ["reconstruction"],
        "countries": ["DE", "UA"],
        "target_groups": ["municipality"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 21),
        "partnerships": ["duisburg-kryvyi-rih"],
    },
    {
        "slug": "lessons-learned-huerth-peremyshlyany",
        "kind": Resource.Kind.LESSONS_LEARNED,
        "title": (
            "Lessons Learned: Hürth – Peremyshlyany",
            "Lessons learned: Hürth – Peremyshlyany",
            "Уроки: Гюрт – Перемишляни",
        ),
        "summary": (
            "Partnerschaft seit Oktober 2021, Kontakte seit 2018 über die polnische "
            "Partnerstadt Skawina; seit Februar 2022 humanitäre Nothilfe und Logistik.",
            "Partnership since October 2021, contacts since 2018 via the Polish twin town "
            "Skawina; humanitarian aid and logistics since February 2022.",
        ),
        "body": (
            "- Kontakte bereits **seit 2018 über die polnische Partnerstadt Skawina**.\n"
            "- **Intensiver Austausch** beider Verwaltungen und der Feuerwehren, mehrere "
            "Gegenbesuche und Projekte mit Unterstützung der SKEW.\n"
            "- Unmittelbar seit dem Angriffskrieg im Februar 2022: **humanitäre Nothilfe**, "
            "umfassende Hilfslieferungen und Aufbau von Logistik-Strukturen.\n"
            "- **Engagement der Zivilgesellschaft**, z. B. Schüleraustausche mit polnischer und "
            "ukrainischer Partnerstadt.\n\n"
            "**Gelernt:** Eine dritte Partnerstadt kann Kontakte stiften; ein über Jahre "
            "gewachsener Austausch der Verwaltungen trägt auch in der Krise.",
            "",
        ),
        "themes": ["humanitaere-hilfe", "verwaltung", "jugend"],
        "horizons": ["humanitarian"],
        "countries": ["DE", "UA", "PL"],
        "target_groups": ["municipality", "school"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 22),
        "partnerships": ["huerth-peremyshliany"],
    },
    {
        "slug": "lessons-learned-billerbeck-malyn",
        "kind": Resource.Kind.LESSONS_LEARNED,
        "title": (
            "Lessons Learned: Billerbeck – Malyn",
            "Lessons learned: Billerbeck – Malyn",
            "Уроки: Біллербек – Малин",
        ),
        "summary": (
            "Von Hilfslieferungen aus der Zivilgesellschaft über eine Ferienfreizeit für 19 "
            "Kinder zur Städtepartnerschaft seit März 2023 – vermittelt über die lettische "
            "Partnerstadt Iecava.",
            "From civil-society aid deliveries and a holiday camp for 19 children to a town "
            "partnership since March 2023 – brokered via the Latvian twin town Iecava.",
        ),
        "body": (
            "- **Hilfslieferungen** auf zivilgesellschaftliche Initiative kurz nach dem "
            "russischen Angriff.\n"
            "- Kontakte zum Bürgermeister von Malyn über die **lettische Partnerstadt Iecava** "
            "anlässlich des Besuchs der Oberbürgermeisterin in Iecava.\n"
            "- **Einladung von 19 Kindern** aus Malyn nach Billerbeck zu einer Ferienfreizeit "
            "im Sommer 2022.\n"
            "- Strukturelle Gemeinsamkeiten zwischen Billerbeck und Malyn.\n"
            "- **Abschluss** einer neuen Städtepartnerschaft mit Malyn (März 2023).\n\n"
            "**Gelernt:** Konkrete Hilfe und Begegnungen von Kindern schaffen Vertrauen, aus "
            "dem eine förmliche Partnerschaft wachsen kann.",
            "",
        ),
        "themes": ["humanitaere-hilfe", "jugend"],
        "horizons": ["humanitarian"],
        "countries": ["DE", "UA", "LV"],
        "target_groups": ["municipality", "association"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 23),
        "partnerships": ["billerbeck-malyn"],
    },
    {
        "slug": "lesetipps-der-netzwerkstelle",
        "kind": Resource.Kind.READING_TIP,
        "title": (
            "Zum Weiterlesen: die Lesetipps der Netzwerkstelle",
            "Further reading: the network office's reading tips",
            "Що почитати: поради мережевого офісу",
        ),
        "summary": (
            "Die Netzwerkstelle sammelt Lesetipps zu Städtepartnerschaften auf ihrer Website.",
            "The network office collects reading tips on town twinning on its website.",
        ),
        "body": ("", ""),
        "external_url": "https://staedtepartnerschaftennrw.org/lesetipps",
        "themes": [],
        "horizons": [],
        "countries": ["DE"],
        "target_groups": ["municipality", "association"],
        "organisation": OFFICE,
        "published_at": _at(2023, 6, 5),
    },
    {
        "slug": "landkarte-deutsch-ukrainischer-kommunalbeziehungen",
        "kind": Resource.Kind.READING_TIP,
        "title": (
            "Landkarte deutsch-ukrainischer Kommunalbeziehungen (SKEW)",
            "Map of German–Ukrainian municipal relations (SKEW)",
            "Карта німецько-українських муніципальних зв'язків (SKEW)",
        ),
        "summary": (
            "Übersicht über Partnerschaften deutschlandweit – Städte, Gemeinden, Kreise, "
            "Regionen, Betreibergesellschaften, Hochschulen, Kliniken und Schulen.",
            "An overview of partnerships across Germany.",
        ),
        "body": ("", ""),
        "external_url": (
            "https://skew.engagement-global.de/landkarte-deutsch-ukrainischer-kommunalbeziehungen.html"
        ),
        "themes": [],
        "horizons": [],
        "countries": ["DE", "UA"],
        "target_groups": ["municipality", "district"],
        "organisation": "SKEW / Engagement Global",
        "published_at": _at(2023, 6, 6),
    },
]

GUIDE = {
    "slug": "partnerschaften-mit-der-ukraine",
    "title": (
        "Partnerschaften mit der Ukraine – Erfahrungen aus NRW",
        "Partnerships with Ukraine – experience from NRW",
        "Партнерства з Україною – досвід NRW",
    ),
    "subtitle": (
        "Ein Leitfaden der Netzwerkstelle Städtepartnerschaften NRW aus Best Practices, "
        "Lessons Learned und dem Förderleitfaden",
        "",
        "",
    ),
    "introduction": (
        "Dieser Leitfaden bündelt, was NRW-Kommunen in ihren Partnerschaften gelernt haben – "
        "von der humanitären Hilfe über den Wiederaufbau bis zur EU-Integration der Ukraine "
        "und einer Partnerschaft auf Augenhöhe. Die Zeithorizonte laufen durchaus parallel.\n\n"
        "Alle Kapitel sind auch online in der Wissensbibliothek zu finden.",
        "",
        "",
    ),
    "sections": [
        ("reallabor-kommunaler-aufbaupartnerschaften-nrw-ukraine", "", ""),
        ("lessons-learned-duisburg-kryvyi-rih", "", ""),
        ("lessons-learned-huerth-peremyshlyany", "", ""),
        ("lessons-learned-billerbeck-malyn", "", ""),
        ("versmold-tui-partnerschaft-aus-der-herkunftsstatistik", "", ""),
        ("castrop-rauxel-dreieckspartnerschaft-trikala-zonguldak", "", ""),
        (None, "Fördermöglichkeiten", "FUNDING"),
        (
            None,
            "Коротко українською",
            "Цей посібник збирає досвід громад Північного Рейну-Вестфалії у партнерствах з "
            "українськими громадами: гуманітарна допомога, відбудова та інтеграція до ЄС. "
            "Приклади: Дуйсбург – Кривий Ріг, Гюрт – Перемишляни, Біллербек – Малин.",
        ),
    ],
}


def _funding_text() -> str:
    lines = [
        "Eine Auswahl aus dem Förderleitfaden des Portals (Stand der Angaben: jeweiliges "
        "Aufrufjahr; vor einem Antrag den aktuellen Aufruf prüfen):\n"
    ]
    for spec in PROGRAMS[:11]:
        lines.append(f"- **{spec['name'][0]}** (Stand {spec['call_year']}): {spec['amounts'][0]}")
    return "\n".join(lines)


def _translations(field: str, values: tuple) -> dict:
    """``{"title_de": ..., "title_en": ..., "title_uk": ...}`` (empty → no translation)."""
    result = {}
    for language, value in zip(("de", "en", "uk"), values, strict=False):
        result[f"{field}_{language}"] = value if language == "de" else (value or None)
    return result


def _apply(obj, values: dict) -> bool:
    """Set ``values`` on ``obj``; True if it is new or anything differs (then save it)."""
    changed = obj.pk is None
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def _publication_pdf() -> bytes:
    from portal.pdf import render_pdf

    html = (
        "<html lang='de'><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Sans';font-size:11pt} h1{color:#0b4f6c}</style></head><body>"
        "<h1>Migration und Integration in Städtepartnerschaften</h1>"
        "<p>Netzwerkstelle Städtepartnerschaften NRW · Auslandsgesellschaft.de e.V., Dortmund</p>"
        "<h2>Neue Städtepartnerschaften mit den Herkunftsorten der eigenen "
        "Migrationsbevölkerung</h2>"
        "<h3>Versmold – Tui (initiiert von der Verwaltung)</h3><p>Herkunftsstatistik der "
        "Versmolder Migrationsbevölkerung; größte Gruppe Polen (es existiert bereits eine "
        "Städtepartnerschaft), zweitgrößte Gruppe Spanien; Aufschlüsselung nach Regionen; "
        "Einbeziehung des Rates; Galizien als Zielregion (große Mehrheit); Prioritätenliste; "
        "Tui als idealer Partner; Unterzeichnung.</p>"
        "<h3>Castrop-Rauxel – Trikala und Zonguldak (initiiert vom Integrationsrat)</h3>"
        "<p>Die türkische und die griechische Community wünschen jeweils eine Partnerschaft; "
        "Ratsbeschluss; Dreieckspartnerschaft; Gründung eines gemeinsamen "
        "Partnerschaftsvereins.</p></body></html>"
    )
    return render_pdf(html=html, timeout=60)


def load_demo(*, stdout, **options) -> None:
    themes = {t.slug: t for t in Theme.objects.all()}
    horizons = {h.slug: h for h in Horizon.objects.all()}
    countries = {c.code: c for c in Country.objects.all()}
    groups = {g.slug: g for g in TargetGroup.objects.all()}
    resources = {}
    for spec in RESOURCES:
        resource = Resource.objects.filter(slug=spec["slug"]).first() or Resource(slug=spec["slug"])
        values = {
            **_translations("title", spec["title"]),
            **_translations("summary", spec["summary"]),
            **_translations("body", spec["body"]),
            "kind": spec["kind"],
            "external_url": spec.get("external_url", ""),
            "organisation": spec["organisation"],
            "state": Resource.State.PUBLISHED,
            "published_at": spec["published_at"],
            "language": "de",
        }
        if _apply(resource, values):
            resource.save()
        services.resource_save_relations(
            resource=resource,
            themes=[themes[s] for s in spec["themes"] if s in themes],
            horizons=[horizons[s] for s in spec["horizons"] if s in horizons],
            countries=[countries[c] for c in spec["countries"] if c in countries],
            target_groups=[groups[g] for g in spec["target_groups"] if g in groups],
        )
        _link_partnerships(resource, spec.get("partnerships", []))
        if spec.get("attach_pdf") and resource.current_file_id is None:
            services.resource_attach_file(
                resource=resource,
                uploaded=SimpleUploadedFile(
                    "migration-und-integration-in-staedtepartnerschaften.pdf", _publication_pdf()
                ),
            )
        resources[spec["slug"]] = resource
    stdout.write(f"Library: {len(resources)} resources.")
    _load_funding(themes=themes, horizons=horizons, groups=groups)
    stdout.write(f"Funding guide: {len(PROGRAMS)} programmes.")
    guide = _load_guide(resources)
    outcome = guides.guide_render_pdf(guide_id=guide.pk)
    stdout.write(f"Guide '{guide.slug}': PDF {outcome}.")


def _link_partnerships(resource: Resource, slugs: list[str]) -> None:
    if not slugs:
        return
    from partnerships.models import Partnership

    found = list(Partnership.objects.filter(slug__in=slugs))
    if found:
        resource.related_partnerships.add(*found)


def load_funding() -> None:
    """Create the funding guide's programmes or bring them up to date (part of ``load_demo``).

    The demo texts are the reference: a re-run writes every language column of every
    programme and deadline again (filling Ukrainian and English in rows an earlier version
    created) and saves only rows that differ.
    """
    _load_funding(
        themes={t.slug: t for t in Theme.objects.all()},
        horizons={h.slug: h for h in Horizon.objects.all()},
        groups={g.slug: g for g in TargetGroup.objects.all()},
    )


def _load_funding(*, themes, horizons, groups) -> None:
    for position, spec in enumerate(PROGRAMS):
        program = FundingProgram.objects.filter(slug=spec["slug"]).first() or FundingProgram(
            slug=spec["slug"]
        )
        values = {}
        for field in ("name", "funder", "eligibility", "funds", "amounts", "cofinancing"):
            values.update(_translations(field, spec[field]))
        values.update(_translations("deadline_note", spec["deadline_note"]))
        month, day = spec.get("recurring", (None, None))
        values.update(
            {
                "amount_min": _decimal(spec.get("amount_min")),
                "amount_max": _decimal(spec.get("amount_max")),
                "funding_rate_percent": spec.get("rate"),
                "deadline_kind": spec["deadline_kind"],
                "recurring_month": month,
                "recurring_day": day,
                "link": spec["link"],
                "call_year": spec["call_year"],
                "position": position,
                "is_published": True,
            }
        )
        if _apply(program, values):
            program.save()
        program.applicant_groups.set([groups[g] for g in spec["applicants"] if g in groups])
        program.themes.set([themes[s] for s in spec["themes"] if s in themes])
        program.horizons.set([horizons[s] for s in spec["horizons"] if s in horizons])
        wanted_dates = set()
        for date, label, year in spec["deadlines"]:
            wanted_dates.add(date)
            deadline = FundingDeadline.objects.filter(program=program, date=date).first()
            deadline = deadline or FundingDeadline(program=program, date=date)
            if _apply(deadline, {**_translations("label", label), "call_year": year}):
                deadline.save()
        program.deadlines.exclude(date__in=wanted_dates).delete()
        wanted_urls = set()
        for source_position, (url, year) in enumerate(spec["sources"]):
            wanted_urls.add(url)
            source = FundingSource.objects.filter(program=program, url=url).first()
            source = source or FundingSource(program=program, url=url)
            if _apply(source, {"call_year": year, "position": source_position}):
                source.save()
        program.sources.exclude(url__in=wanted_urls).delete()


def _load_guide(resources: dict) -> Guide:
    guide = Guide.objects.filter(slug=GUIDE["slug"]).first() or Guide(slug=GUIDE["slug"])
    values = {
        **_translations("title", GUIDE["title"]),
        **_translations("subtitle", GUIDE["subtitle"]),
        **_translations("introduction", GUIDE["introduction"]),
        "language": "de",
        "is_published": True,
    }
    if _apply(guide, values):
        guide.save()
    for position, (slug, heading, text) in enumerate(GUIDE["sections"], start=1):
        if text == "FUNDING":
            text = _funding_text()
        section = GuideSection.objects.filter(guide=guide, position=position).first()
        section = section or GuideSection(guide=guide, position=position)
        values = {
            "resource": resources.get(slug) if slug else None,
            "heading_de": heading,
            "text_de": text,
        }
        if _apply(section, values):
            section.save()
    guide.sections.filter(position__gt=len(GUIDE["sections"])).delete()
    return guide


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))

"""The shared taxonomy: themes of the network office and the seed's three time horizons."""

from django.db import migrations

THEMES = [
    # slug, de, uk, en
    ("migration", "Migration", "Міграція", "Migration"),
    ("integration", "Integration", "Інтеграція", "Integration"),
    ("digitalisierung", "Digitalisierung", "Цифровізація", "Digitalisation"),
    ("jugend", "Jugend", "Молодь", "Youth"),
    ("bildung", "Bildung", "Освіта", "Education"),
    ("nachhaltigkeit", "Nachhaltigkeit", "Сталий розвиток", "Sustainability"),
    ("humanitaere-hilfe", "Humanitäre Hilfe", "Гуманітарна допомога", "Humanitarian aid"),
    ("wiederaufbau", "Wiederaufbau", "Відбудова", "Reconstruction"),
    ("eu-integration", "EU-Integration", "Інтеграція до ЄС", "EU integration"),
    ("verwaltung", "Verwaltung", "Адміністрування", "Public administration"),
    ("wirtschaft", "Wirtschaft", "Економіка", "Economy"),
    ("kultur", "Kultur", "Культура", "Culture"),
    ("sport", "Sport", "Спорт", "Sport"),
]

HORIZONS = [
    (
        "humanitarian",
        ("Humanitäre Hilfe", "Гуманітарна допомога", "Humanitarian aid"),
        ("kurzfristig", "короткостроково", "short term"),
        (
            "Nothilfe, Hilfslieferungen und Logistik für die Partnerkommune.",
            "Екстрена допомога, гуманітарні вантажі та логістика для громади-партнера.",
            "Emergency relief, aid deliveries and logistics for the partner community.",
        ),
    ),
    (
        "reconstruction",
        ("Wiederaufbau", "Відбудова", "Reconstruction"),
        ("mittelfristig", "середньостроково", "medium term"),
        (
            "Wiederaufbau von Infrastruktur und Verwaltung in der Partnerkommune.",
            "Відбудова інфраструктури та врядування в громаді-партнері.",
            "Rebuilding infrastructure and administration in the partner community.",
        ),
    ),
    (
        "eu-integration",
        (
            "EU-Integration und Partnerschaft auf Augenhöhe",
            "Інтеграція до ЄС і рівноправне партнерство",
            "EU integration and a partnership of equals",
        ),
        ("langfristig", "довгостроково", "long term"),
        (
            "Die Ukraine auf dem Weg in die EU begleiten; Partnerschaft auf Augenhöhe.",
            "Супровід України на шляху до ЄС; партнерство на рівних.",
            "Accompanying Ukraine on its way into the EU; a partnership of equals.",
        ),
    ),
]


def forwards(apps, schema_editor):
    Theme = apps.get_model("portal", "Theme")
    Horizon = apps.get_model("portal", "Horizon")
    for position, (slug, de, uk, en) in enumerate(THEMES):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": de, "name_de": de, "name_uk": uk, "name_en": en, "position": position},
        )
    for position, (slug, names, terms, descriptions) in enumerate(HORIZONS):
        Horizon.objects.update_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name": names[0], "name_de": names[0], "name_uk": names[1], "name_en": names[2],
                "term": terms[0], "term_de": terms[0], "term_uk": terms[1], "term_en": terms[2],
                "description": descriptions[0],
                "description_de": descriptions[0],
                "description_uk": descriptions[1],
                "description_en": descriptions[2],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

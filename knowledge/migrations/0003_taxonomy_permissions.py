"""Target groups and countries of the library, and the staff group's permissions."""

from django.db import migrations

from portal.migration_helpers import grant_staff_permissions

TARGET_GROUPS = [
    # slug, de, uk, en
    ("municipality", "Städte und Gemeinden", "Міста та громади", "Towns and municipalities"),
    ("district", "Kreise", "Райони (Kreise)", "Districts"),
    ("association", "Vereine und Initiativen", "Об'єднання та ініціативи", "Associations and initiatives"),
    ("school", "Schulen", "Школи", "Schools"),
    ("university", "Hochschulen", "Університети", "Universities"),
    ("municipal-company", "Kommunale Unternehmen", "Комунальні підприємства", "Municipal companies"),
    ("public-body", "Öffentliche Einrichtungen", "Публічні установи", "Public bodies"),
    (
        "refugee-initiative",
        "Initiativen von Geflüchteten",
        "Ініціативи біженців",
        "Refugee initiatives",
    ),
    ("youth-work", "Jugendarbeit", "Молодіжна робота", "Youth work organisations"),
]

COUNTRIES = [
    ("DE", "Deutschland", "Німеччина", "Germany"),
    ("UA", "Ukraine", "Україна", "Ukraine"),
    ("PL", "Polen", "Польща", "Poland"),
    ("ES", "Spanien", "Іспанія", "Spain"),
    ("GR", "Griechenland", "Греція", "Greece"),
    ("TR", "Türkei", "Туреччина", "Turkey"),
    ("LV", "Lettland", "Латвія", "Latvia"),
    ("GB", "Vereinigtes Königreich", "Велика Британія", "United Kingdom"),
    ("HU", "Ungarn", "Угорщина", "Hungary"),
    ("US", "USA", "США", "United States"),
    ("FR", "Frankreich", "Франція", "France"),
    ("NL", "Niederlande", "Нідерланди", "Netherlands"),
]


def forwards(apps, schema_editor):
    TargetGroup = apps.get_model("knowledge", "TargetGroup")
    Country = apps.get_model("knowledge", "Country")
    for position, (slug, de, uk, en) in enumerate(TARGET_GROUPS):
        TargetGroup.objects.update_or_create(
            slug=slug,
            defaults={"name": de, "name_de": de, "name_uk": uk, "name_en": en, "position": position},
        )
    for code, de, uk, en in COUNTRIES:
        Country.objects.update_or_create(
            code=code, defaults={"name": de, "name_de": de, "name_uk": uk, "name_en": en}
        )


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_postgres"), ("portal", "0003_staff_group")]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RunPython(grant_staff_permissions("knowledge"), migrations.RunPython.noop),
    ]

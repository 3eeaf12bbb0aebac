"""Consent text version 2: the Ukrainian text names the office as the glossary does
("Мережеве бюро партнерств міст NRW", locale/glossary-uk.yaml); version 1 said "бюро
міст-партнерів". Stored texts never change (subscriptions keep the version they agreed to),
so the correction is a new version, as staff would make it in the admin."""

from django.db import migrations
from django.utils import timezone

OLD_NAME = "Мережевого бюро міст-партнерів NRW"
NEW_NAME = "Мережевого бюро партнерств міст NRW"


def add_corrected_version(apps, schema_editor):
    ConsentText = apps.get_model("newsletter", "ConsentText")
    current = ConsentText.objects.order_by("-version").first()
    if current is None or OLD_NAME not in (current.text_uk or ""):
        return  # staff already published another text
    ConsentText.objects.create(
        version=current.version + 1,
        text=current.text,
        text_de=current.text_de,
        text_uk=current.text_uk.replace(OLD_NAME, NEW_NAME),
        text_en=current.text_en,
        created_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("newsletter", "0005_merge_20261201_1705")]

    operations = [migrations.RunPython(add_corrected_version, migrations.RunPython.noop)]

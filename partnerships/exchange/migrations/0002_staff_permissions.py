from django.db import migrations

from portal.migration_helpers import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0001_items_matches_follows"),
        ("portal", "0003_staff_group"),
    ]

    operations = [
        migrations.RunPython(grant_staff_permissions("exchange"), migrations.RunPython.noop)
    ]

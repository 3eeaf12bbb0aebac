from django.db import migrations

from portal.migration_helpers import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("imports", "0001_import_runs_mappings_facts"),
        ("portal", "0003_staff_group"),
    ]

    operations = [
        migrations.RunPython(grant_staff_permissions("imports"), migrations.RunPython.noop)
    ]

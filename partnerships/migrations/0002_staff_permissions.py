from django.db import migrations

from portal.migration_helpers import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0001_initial"),
        ("portal", "0003_staff_group"),
    ]

    operations = [
        migrations.RunPython(grant_staff_permissions("partnerships"), migrations.RunPython.noop)
    ]

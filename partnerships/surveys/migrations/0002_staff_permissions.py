from django.db import migrations

from portal.migration_helpers import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_surveys_questions_invitations"),
        ("portal", "0003_staff_group"),
    ]

    operations = [
        migrations.RunPython(grant_staff_permissions("surveys"), migrations.RunPython.noop)
    ]

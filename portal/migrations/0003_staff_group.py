"""The "Netzwerkstelle" group with the permissions staff need for the portal's own models."""

from django.db import migrations

from portal.migration_helpers import grant_staff_permissions


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0002_taxonomy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("account", "0001_initial"),
        ("mfa", "0001_initial"),
    ]
    operations = [
        migrations.RunPython(
            grant_staff_permissions(
                "portal", "account", exclude=("delete_user", "delete_emailaddress")
            ),
            migrations.RunPython.noop,
        )
    ]

"""Helpers for data migrations that every app uses.

Permissions are normally created after all migrations (post_migrate); a data migration that
grants them must create them first. Each app grants its own models' permissions to the
staff group in one of its migrations::

    migrations.RunPython(grant_staff_permissions("events"), migrations.RunPython.noop)
"""

from django.contrib.auth.management import create_permissions

STAFF_GROUP = "Netzwerkstelle"


def grant_staff_permissions(*app_labels: str, exclude: tuple[str, ...] = ()):
    """A RunPython function giving the "Netzwerkstelle" group all permissions of the apps."""

    def forwards(apps, schema_editor):
        for label in app_labels:
            app_config = apps.get_app_config(label)
            app_config.models_module = True
            create_permissions(app_config, apps=apps, verbosity=0)
            app_config.models_module = None
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
        group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
        perms = Permission.objects.filter(content_type__app_label__in=app_labels).exclude(
            codename__in=exclude
        )
        group.permissions.add(*perms)

    return forwards

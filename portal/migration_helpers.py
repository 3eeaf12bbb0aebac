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


# Emails that were decided but not yet sent when the outbox replaced the per-model "sent"
# stamps are queued in the outbox by the migrations removing the stamps (if recent enough to
# still matter); beat's dispatch sends them.
UNSENT_WINDOW_DAYS = 7


def unsent_since():
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() - timedelta(days=UNSENT_WINDOW_DAYS)


def staff_addresses(apps) -> list[str]:
    from django.conf import settings

    User = apps.get_model("portal", "User")
    users = User.objects.filter(is_active=True, groups__name=STAFF_GROUP)
    addresses = {e.lower() for e in users.values_list("email", flat=True) if e}
    addresses.update(e.lower() for e in settings.PORTAL_STAFF_NOTIFY_EMAILS)
    return sorted(addresses)


def queue_emails(apps, emails: list[dict]) -> None:
    OutboundEmail = apps.get_model("portal", "OutboundEmail")
    OutboundEmail.objects.bulk_create([OutboundEmail(**fields) for fields in emails])


def queue_staff_emails(apps, *, template: str, contexts: list[dict]) -> None:
    from django.conf import settings

    queue_emails(
        apps,
        [
            {"template": template, "to_email": address, "language": settings.LANGUAGE_CODE,
             "context": context}
            for context in contexts
            for address in staff_addresses(apps)
        ],
    )  # fmt: skip

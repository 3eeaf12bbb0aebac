"""The portal's part of the demo data: a staff account and the office's demo editor."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.migration_helpers import STAFF_GROUP

DEMO_STAFF_EMAIL = "netzwerkstelle@example.org"


def load_demo(*, stdout, **options) -> None:
    User = get_user_model()
    if User.objects.filter(email=DEMO_STAFF_EMAIL).exists():
        stdout.write(f"Staff account {DEMO_STAFF_EMAIL} exists already (password unchanged).")
        return
    password = secrets.token_urlsafe(12)
    user = User.objects.create_user(
        email=DEMO_STAFF_EMAIL,
        password=password,
        first_name="Demo",
        last_name="Netzwerkstelle",
        is_staff=True,
        is_superuser=True,
    )
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    from allauth.account.models import EmailAddress

    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_STAFF_EMAIL, defaults={"verified": True, "primary": True}
    )
    stdout.write("=" * 64)
    stdout.write("Staff login for the demo (shown only this once):")
    stdout.write(f"  email:    {DEMO_STAFF_EMAIL}")
    stdout.write(f"  password: {password}")
    stdout.write("=" * 64)

"""Who someone is, for every app: named predicates that the apps' own rules build on.

Staff powers are one rule for the admin and the editors' area alike: an active staff
account, and — wherever ``ADMIN_REQUIRE_2FA`` holds (always in production; the embedded
demo may relax it) — a session whose login used the second factor. What staff may then do
follows their permissions (the Netzwerkstelle group's, their own, or a superuser's), never
the ``is_staff`` flag alone.
"""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest

# Set on the request's user by ``portal.middleware.SecondFactorMiddleware``.
SECOND_FACTOR_MARK = "second_factor_verified"


def is_active_user(user) -> bool:
    """Logged in with an account that is not deactivated."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_staff_account(user) -> bool:
    """An active account with the staff flag (whatever this session proved)."""
    return is_active_user(user) and bool(user.is_staff)


def logged_in_with_second_factor(request: HttpRequest, user) -> bool:
    """The user has a second factor and used it in this session's login (allauth records
    each authentication step of the session; ``mfa`` is the second factor)."""
    if not (user.is_authenticated and is_mfa_enabled(user)):
        return False
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def has_verified_second_factor(user) -> bool:
    """This session's login used the second factor (False for a user object that did not
    come from a request: no session, no proof)."""
    return bool(getattr(user, SECOND_FACTOR_MARK, False))


def has_staff_powers(user) -> bool:
    """A staff account acting as staff in this session: with its second factor wherever
    ``ADMIN_REQUIRE_2FA`` holds. Without it a staff account is an ordinary user everywhere."""
    if not is_staff_account(user):
        return False
    return not settings.ADMIN_REQUIRE_2FA or has_verified_second_factor(user)


def staff_may(user, permission: str) -> bool:
    """Staff powers in this session and the model permission (``"app.codename"``)."""
    return has_staff_powers(user) and user.has_perm(permission)

from functools import partial

from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.functional import SimpleLazyObject


class ContentSecurityPolicyMiddleware:
    """Sends the Content-Security-Policy from settings on every response that has none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")
        if policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy
        return response


class SecondFactorMiddleware:
    """Marks the request's staff user with whether this session's login used the second
    factor (``portal.permissions.has_staff_powers`` reads the mark). Lazy like
    ``request.user``: pages that never look at the user load nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user = SimpleLazyObject(partial(_mark_second_factor, request, request.user))
        return self.get_response(request)


def _mark_second_factor(request, user):
    from portal.permissions import (
        SECOND_FACTOR_MARK,
        is_staff_account,
        logged_in_with_second_factor,
    )

    if is_staff_account(user):
        setattr(user, SECOND_FACTOR_MARK, logged_in_with_second_factor(request, user))
    return user


class RefuseNulBytesMiddleware:
    """A NUL byte in the query string is never real input (PostgreSQL cannot even store it):
    400 with the portal's error page, before any view builds a query from it. Forms refuse
    NUL bytes in posted fields themselves (Django's ``ProhibitNullCharactersValidator``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            raise BadRequest("NUL byte in the query string")
        return self.get_response(request)


class AdminLanguageMiddleware:
    """The admin speaks German, the staff's working language, whatever the browser asks for:
    otherwise Django's own admin strings (and its JavaScript catalogue: "Choose Themen") follow
    Accept-Language while the portal's labels are German."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/"):
            from django.utils import translation

            from portal import languages

            translation.activate(languages.SOURCE)
            request.LANGUAGE_CODE = languages.SOURCE
        return self.get_response(request)

"""Pages cached whole, with the visitor's own parts filled in on every request.

A page rendered with ``render_for_cache`` holds markers instead of what belongs to one
visitor: the CSRF token (every ``{% csrf_token %}``), the messages and the account links in
the header (``base.html`` puts ``page_slots`` markers there). That body can be cached and
served to everybody; ``respond`` replaces the markers from two small templates per request
(``portal/_messages.html``, ``portal/_account_links.html`` — the ones ``base.html`` includes
on every other page). Nothing personal is ever in the cached body.

The markers are derived from ``SECRET_KEY``: content written by an editor cannot contain one.
"""

import hashlib
import hmac

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template, render_to_string

SLOTS = ("csrf_token", "messages", "account_links")


def markers() -> dict[str, str]:
    key = settings.SECRET_KEY.encode()
    return {
        name: f"slot-{name}-"
        + hmac.new(key, f"page-slot:{name}".encode(), hashlib.sha256).hexdigest()[:24]
        for name in SLOTS
    }


def render_for_cache(request: HttpRequest, template_name: str, context: dict) -> str:
    """The page with markers where the visitor's own parts go (safe to share)."""
    slots = markers()
    return render_to_string(
        template_name,
        {**context, "csrf_token": slots["csrf_token"], "page_slots": slots},
        request=request,
    )


def respond(request: HttpRequest, body: str, *, status: int = 200) -> HttpResponse:
    """A response with the visitor's CSRF token, messages and account links filled in."""
    slots = markers()
    token = get_token(request)
    parts = {
        "csrf_token": token,
        "messages": get_template("portal/_messages.html").render(
            {"messages": get_messages(request)}
        ),
        "account_links": get_template("portal/_account_links.html").render(
            {"user": request.user, "csrf_token": token}
        ),
    }
    for name, value in parts.items():
        body = body.replace(slots[name], value)
    return HttpResponse(body, status=status)

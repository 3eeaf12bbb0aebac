"""Public pages cached whole for visitors who are not logged in.

The load bench (bench/RESULTS.md, "Load held") measured what a warm page costs the
application: 26–38 ms of CPU for the home page, map, portraits, calendar, library and funding
guide, 23 ms for the average request of the visitors' mix — at most ~86 requests/s on the
two cores, fewer than 100 visitors ask for. Most of that is rendering a page that is the same
for every visitor. ``cached_for_visitors`` keeps the rendered body per language and address
and serves it with the visitor's own parts filled in (``portal.page_slots``: CSRF token,
messages, account links), as the event page does since issue 12.

A cached body is used while nothing public has changed and for ``PAGE_SECONDS`` at most:

- every save, deletion or change of a many-to-many relation of a model of the portal's apps
  (except the technical and personal ones in ``NOT_ON_PUBLIC_PAGES``) bumps the content
  version once its transaction commits (``content_changed``, connected in
  ``PortalConfig.ready``);
- changes that bypass model signals (bulk updates of the register) bump the published
  register's version (``partnerships.services.published_data_changed``), which is checked too;
- what changes with time alone (upcoming events becoming past ones) is at most
  ``PAGE_SECONDS`` old, as is a page cached before a Redis outage during which content
  changed (the bump is lost with the outage).

Only ``GET`` requests of anonymous visitors without a query string — or with the parameters a
view names, each matching its pattern — are cached, so random parameters cannot fill the
cache. Logged-in editors and staff always get a freshly rendered page. With the cache down
every page is rendered as before.
"""

import re
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from partnerships.services import PUBLISHED_VERSION_KEY, published_version
from portal import page_slots

PAGE_SECONDS = 300
PAGE_NUMBER = r"[1-9][0-9]{0,3}"  # the pagination parameters of the cached lists
CONTENT_VERSION_KEY = "portal:content-version"
CONTENT_APPS = {
    "portal",
    "partnerships",
    "matchmaking",
    "exchange",
    "statistics",
    "imports",
    "surveys",
    "events",
    "newsletter",
    "knowledge",
}
# Models no cached public page shows: mail, tokens, logs, personal requests, history rows.
NOT_ON_PUBLIC_PAGES = {
    "portal.user",
    "portal.consultationrequest",
    "portal.consultationreply",
    "portal.outboundemail",
    "portal.seedrecord",
    "portal.heartbeat",
    "partnerships.actoreditor",
    "partnerships.invitation",
    "partnerships.accessrequest",
    "partnerships.digestrun",
    "matchmaking.matchnotice",
    "matchmaking.matchnotificationpreference",
    "matchmaking.contactrequest",
    "matchmaking.partnerrequest",
    "exchange.contactrequest",
    "exchange.follow",
    "exchange.message",
    "imports.columnmapping",
    "imports.importrun",
    "surveys.invitation",
    "events.attendance",
    "events.eventmessage",
    "newsletter.subscriber",
    "newsletter.subscription",
    "newsletter.delivery",
    "knowledge.searchword",
}


def _shown_on_public_pages(model) -> bool:
    meta = model._meta
    if meta.auto_created:  # the table of a many-to-many field belongs to its model
        meta = meta.auto_created._meta
    return (
        meta.app_label in CONTENT_APPS
        and meta.label_lower not in NOT_ON_PUBLIC_PAGES
        and not meta.model_name.startswith("historical")
    )


def content_version() -> int:
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = int(timezone.now().timestamp() * 1000)
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
        version = cache.get(CONTENT_VERSION_KEY, version)
    return version


def _bump() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not there (yet, or evicted): a new version all the same
        cache.set(CONTENT_VERSION_KEY, int(timezone.now().timestamp() * 1000), timeout=None)


def content_changed(sender, **kwargs) -> None:
    """Signal receiver (post_save, post_delete, m2m_changed of every model).

    Bumps at once (the change is visible to this connection now) and again when the
    transaction commits: a page rendered by another request in between, from the data before
    the commit, is not used after it."""
    if kwargs.get("action", "post_").startswith("post_") and _shown_on_public_pages(sender):
        _bump()
        connection = transaction.get_connection(kwargs.get("using"))
        if not any(entry[1] is _bump for entry in connection.run_on_commit):  # once per commit
            transaction.on_commit(_bump, using=kwargs.get("using"))


def _cacheable(request: HttpRequest, params: dict[str, re.Pattern]) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    return all(
        name in params and len(values) == 1 and params[name].fullmatch(values[0])
        for name, values in request.GET.lists()
    )


def _key(request: HttpRequest, view_name: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in sorted(request.GET.items()))
    return f"portal:page:{view_name}:{get_language()}:{request.get_host()}:{request.path}?{query}"


def cached_for_visitors(*, params: dict[str, str] | None = None) -> Callable:
    """Cache the view's page for anonymous visitors (see the module's docstring).

    ``params``: query parameters the page may be cached with, each with the pattern its whole
    value must match (e.g. ``{"monat": r"\\d{4}-\\d{2}"}``); any other parameter, a value
    that does not match or a repeated parameter renders the page uncached.
    """
    patterns = {name: re.compile(pattern) for name, pattern in (params or {}).items()}

    def decorator(view: Callable) -> Callable:
        view_name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not _cacheable(request, patterns):
                return view(request, *args, **kwargs)
            key = _key(request, view_name)
            found = cache.get_many([key, CONTENT_VERSION_KEY, PUBLISHED_VERSION_KEY])
            entry = found.get(key)
            versions = (found.get(CONTENT_VERSION_KEY), found.get(PUBLISHED_VERSION_KEY))
            if entry is not None and entry[0] == versions:
                return page_slots.respond(request, entry[1])
            versions = (content_version(), published_version())  # read before rendering
            request.page_slots = page_slots.markers()
            try:
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
            finally:
                del request.page_slots
            if response.streaming or 300 <= response.status_code < 400:
                return response  # no template body with slot markers
            body = response.content.decode()
            if response.status_code == 200:
                cache.set(key, (versions, body), timeout=PAGE_SECONDS)
            return page_slots.respond(request, body, status=response.status_code)

        return wrapper

    return decorator

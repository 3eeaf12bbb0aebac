"""Bad input never gives a 500: extreme integers, NUL bytes, lone surrogates and 5,000-
character values through every filter and query parameter of every public list, search,
feed and API view.

The parameters are discovered, not listed: the fields of the FilterSets a view really uses
(recorded while it answers a plain request) and every ``request.GET.get("…")`` /
``getlist("…")`` in the view's module. Each filter value is first validated offline (its
form must not raise); the values the filter accepts are then sent together in one request
per view and value, so that every query they reach runs; every other parameter is sent on
its own. Filter values the form refuses give the form's 400 without reaching a query."""

import importlib
import inspect
import re
from unittest import mock
from urllib.parse import quote, unquote_to_bytes

import django_filters
import pytest
from django.urls import resolve, reverse

from tests.events.factories import EventFactory
from tests.knowledge.factories import ResourceFactory
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

VALUES = [
    "0",
    "-5",
    "10000",
    "2147483648",
    "1e10",
    quote("a\x00b"),
    "%ED%A0%80",  # a lone surrogate (U+D800) in UTF-8
    "x" * 5000,
]
READS = re.compile(r"""GET\.(?:get|getlist)\(\s*["']([\w-]+)["']""")


def public_urls():
    yield from ["/de/", "/de/partnerschaften/", "/de/karte/", "/de/akteure/"]
    yield from ["/api/partnerships.geojson", "/api/partnerships.csv"]
    yield from [reverse("events:list"), reverse("events:past"), reverse("events:feed")]
    yield from [reverse("newsletter:index"), reverse("newsletter:archive")]
    yield from [reverse("knowledge:list"), reverse("knowledge:search")]
    yield from [reverse("knowledge:funding")]
    yield from [reverse("matchmaking:list"), reverse("matchmaking:map_data")]


def filtersets_used(client, url: str) -> set[type]:
    """The FilterSet classes the view instantiates when it answers ``url``."""
    used = set()
    original = django_filters.FilterSet.__init__

    def record(self, *args, **kwargs):
        used.add(type(self))
        original(self, *args, **kwargs)

    with mock.patch.object(django_filters.FilterSet, "__init__", record):
        assert client.get(url).status_code == 200
    return used


def filter_parameters(filtersets) -> dict[str, type]:
    names = {}
    for filterset in filtersets:
        for name, field in filterset().form.fields.items():
            suffixes = getattr(field.widget, "widgets_names", None)  # range filters
            for full in [f"{name}{s}" for s in suffixes] if suffixes else [name]:
                names[full] = filterset
    return names


def other_parameters(url: str) -> set[str]:
    module = importlib.import_module(resolve(url).func.__module__)
    return set(READS.findall(inspect.getsource(module))) | {"lang", "page", "seite"}


def test_the_discovery_finds_the_known_parameters(client):
    used = filter_parameters(filtersets_used(client, "/de/partnerschaften/"))
    assert {"year_from", "year_to", "q", "kind", "theme"} <= set(used)
    used = filter_parameters(filtersets_used(client, "/api/partnerships.geojson"))
    assert {"year_from", "year_to"} <= set(used)
    assert "download" in other_parameters("/api/partnerships.geojson")
    assert "q" in other_parameters(reverse("knowledge:search"))
    assert "monat" in other_parameters(reverse("events:list"))


def get(client, url: str, query: str):
    try:
        return client.get(f"{url}?{query}").status_code
    except Exception as error:  # noqa: BLE001 - collected, reported below
        return f"{type(error).__name__}: {error}"[:200]


def test_no_hostile_parameter_gives_a_500(client):
    PartnershipFactory(), EventFactory(), ResourceFactory()
    failures = []
    for url in public_urls():
        filters = filter_parameters(filtersets_used(client, url))
        others = other_parameters(url) - set(filters)
        for value in VALUES:
            text = unquote_to_bytes(value).decode("utf-8", "replace")
            accepted = []
            for name, filterset in filters.items():
                try:
                    if filterset({name: text}).form.is_valid():
                        accepted.append(name)
                except Exception as error:  # noqa: BLE001
                    failures.append((url, name, value[:20], f"form: {error}"[:200]))
            queries = ["&".join(f"{name}={value}" for name in accepted)] if accepted else []
            queries += [f"{name}={value}" for name in sorted(others)]
            for query in queries:
                status = get(client, url, query)
                if status not in (200, 400):
                    failures.append((url, query[:60], value[:20], status))
    assert failures == []

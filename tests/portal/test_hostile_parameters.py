"""Bad input never gives a 500: extreme integers, NUL bytes, lone surrogates and 5,000-
character values through every filter and query parameter of every public list, search,
feed and API view. The parameters are discovered, not listed: the fields of every FilterSet
a view's module uses, and every ``request.GET.get("…")``/``getlist("…")`` in that module."""

import importlib
import inspect
import re
from urllib.parse import quote

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


def parameters(url: str) -> set[str]:
    module = importlib.import_module(resolve(url.split("?")[0]).func.__module__)
    names = set(READS.findall(inspect.getsource(module)))
    for value in vars(module).values():
        if inspect.isclass(value) and issubclass(value, django_filters.FilterSet):
            names |= set(value.base_filters)
            for flt in value.base_filters.values():  # range filters: name_min, name_max ...
                names |= {f"{flt.field_name}_{s}" for s in ("min", "max", "after", "before")}
    return names | {"lang", "page", "seite"}


def test_the_discovery_finds_the_known_parameters():
    assert {"year_from", "year_to", "q", "kind", "theme"} <= parameters("/de/partnerschaften/")
    assert {"year_from", "lang", "download"} <= parameters("/api/partnerships.geojson")
    assert "q" in parameters(reverse("knowledge:search"))
    assert "monat" in parameters(reverse("events:list"))


def test_no_hostile_parameter_gives_a_500(client):
    PartnershipFactory(), EventFactory(), ResourceFactory()
    failures = []
    for url in public_urls():
        for name in sorted(parameters(url)):
            for value in VALUES:
                try:
                    response = client.get(f"{url}?{name}={value}")
                    status = response.status_code
                except Exception as error:  # noqa: BLE001 - collected, reported below
                    status = f"{type(error).__name__}: {error}"[:200]
                if status not in (200, 400):
                    failures.append((url, name, value[:20], status))
    assert failures == []

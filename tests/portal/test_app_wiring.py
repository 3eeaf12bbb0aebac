"""The apps are wired together by plain imports: every section, search source, demo loader,
API URL and navigation entry is found, and each one answers (no silent empty section)."""

import pytest
from django.template.loader import get_template
from django.urls import reverse

from knowledge.views import SEARCH_SOURCES
from newsletter.models import Issue
from newsletter.rendering import SECTION_SELECTORS
from portal.home import HOME_SECTIONS, home_sections
from portal.management.commands.seed_demo import DEMO_LOADERS
from portal.navigation import MAIN_NAVIGATION
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_every_home_section_has_a_selector_a_template_and_a_page():
    assert [s.key for s in HOME_SECTIONS] == ["events", "portraits", "library"]
    for section in HOME_SECTIONS:
        assert callable(section.selector)
        get_template(section.template)
        reverse(section.more_url_name)


def test_home_section_shows_what_its_app_selects():
    event = EventFactory(title_de="Forum Städtepartnerschaften NRW 2027")
    events = next(s for s in home_sections() if s.key == "events")
    assert [item["title"] for item in events.items] == [event.title]


def test_every_newsletter_section_and_search_source_has_a_selector():
    assert set(SECTION_SELECTORS) == set(Issue.Section.values)
    assert [key for key, _f in SEARCH_SOURCES] == ["partnerships", "events", "library", "funding"]
    for _key, search_items in SEARCH_SOURCES:
        assert search_items(query="Dortmund", limit=3) == []


def test_every_app_with_demo_data_has_its_loader_in_seed_demo():
    from importlib.util import find_spec

    from django.apps import apps

    project = ("portal", "partnerships", "events", "newsletter", "knowledge")
    with_demo = {
        f"{config.name}.demo"
        for config in apps.get_app_configs()
        if config.name.split(".")[0] in project and find_spec(f"{config.name}.demo")
    }
    assert "partnerships.matchmaking.demo" in with_demo  # nested apps are found too
    assert {loader.__module__ for loader in DEMO_LOADERS} == with_demo


def test_navigation_and_api_urls_resolve(client):
    for url_name, _label in MAIN_NAVIGATION:
        reverse(url_name)
    assert reverse("partnerships_geojson") == "/api/partnerships.geojson"
    assert client.get(reverse("partnerships_csv")).status_code == 200
    assert reverse(
        "newsletter_api:unsubscribe", kwargs={"token": "x", "newsletter_id": 1}
    ).startswith("/newsletter/abmelden/")

import pytest
from django.urls import reverse
from django.utils.html import escape

from partnerships import services
from tests.partnerships.factories import (
    EditorFactory,
    MilestoneFactory,
    PartnershipFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def test_list_page_query_budget_with_many_rows(
    client, many_partnerships, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("partnerships:list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 30


def test_list_filters_in_query_string_and_bad_input(client, areas):
    PartnershipFactory(
        title="Billerbeck – Kryvyi Rih", partners=[areas["billerbeck"], areas["kryvyi_rih"]]
    )
    response = client.get(
        reverse("partnerships:list"), {"q": "Krywyj", "oblast": "oblast-dnipropetrowsk"}
    )
    assert "Billerbeck – Kryvyi Rih" in response.content.decode()
    response = client.get(reverse("partnerships:list"), {"year_from": "nineteen"})
    assert response.status_code == 400


def test_portrait_query_budget(client, django_assert_max_num_queries):
    p = PartnershipFactory()
    for _ in range(15):
        MilestoneFactory(partnership=p)
        ProjectFactory(partnership=p)
    with django_assert_max_num_queries(16):
        response = client.get(p.get_absolute_url())
    assert response.status_code == 200
    assert "Besuch" in response.content.decode()


def test_draft_hidden_from_public_visible_to_its_editor(client, user):
    p = PartnershipFactory(publication_state="draft")
    assert client.get(p.get_absolute_url()).status_code == 404
    EditorFactory(user=user, actor=p.members.first().actor)
    client.force_login(user)
    assert client.get(p.get_absolute_url()).status_code == 200


def test_sensitive_actor_hides_contact(client, areas):
    p = PartnershipFactory(partners=[areas["billerbeck"], areas["kryvyi_rih"]])
    assert "kontakt@kr.example.org" in client.get(p.get_absolute_url()).content.decode()
    areas["kryvyi_rih"].is_sensitive = True
    areas["kryvyi_rih"].save()
    body = client.get(p.get_absolute_url()).content.decode()
    assert "kontakt@kr.example.org" not in body
    assert (
        "kontakt@kr.example.org"
        not in client.get(areas["kryvyi_rih"].get_absolute_url()).content.decode()
    )


def test_language_fallback_note(client):
    p = PartnershipFactory(summary_de="Nur deutsch", summary_uk="", origin_de="Anfang")
    body = client.get(f"/uk/partnerschaften/{p.slug}/").content.decode()
    assert "Nur deutsch" in body
    assert 'class="note"' in body


def test_script_in_text_is_not_executed(client):
    p = PartnershipFactory(origin_de="<script>alert(1)</script>**fett**", title="<b>x</b>")
    body = client.get(p.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "<strong>fett</strong>" in body
    assert "&lt;b&gt;x&lt;/b&gt;" in body


def test_actor_page_lists_brokered(client, areas):
    from tests.partnerships.factories import ActorFactory

    skawina = ActorFactory(name="Skawina", country="PL")
    p = services.partnership_create(
        kind="friendship",
        partners=[areas["billerbeck"], areas["kryvyi_rih"]],
        brokers=[skawina],
        publication_state="published",
    )
    response = client.get(skawina.get_absolute_url())
    assert response.context["brokered"] == [p]


def test_map_page_has_no_inline_script_and_uses_packaged_leaflet(client):
    body = client.get(reverse("partnerships:map")).content.decode()
    assert "vendor/leaflet/leaflet.js" in body and "leaflet.markercluster.js" in body
    assert "<script>" not in body and "style=" not in body
    assert 'data-geojson-url="/api/partnerships.geojson' in body


@pytest.mark.parametrize(
    ("name", "map_id"),
    [
        ("partnerships:map", "partnership-map"),
        ("matchmaking:list", "profile-map"),
        ("exchange:list", "exchange-map"),
    ],
)
def test_every_map_page_has_the_map_assets_and_shared_attributes(client, settings, name, map_id):
    body = client.get(reverse(name)).content.decode()
    assert "vendor/leaflet/leaflet.css" in body and "partnerships/map.js" in body
    start = body.index(f'id="{map_id}"')
    tag = body[start : body.index(">", body.index('role="region"', start))]
    assert f'data-tile-url="{escape(settings.MAP_TILE_URL)}"' in tag
    assert 'data-tile-attribution="' in tag
    assert 'data-label-sensitive="Ort aus Sicherheitsgründen nur ungefähr' in tag
    assert 'data-label-error="Die Kartendaten konnten nicht geladen werden."' in tag


def test_home_and_cross_app_hooks():
    from partnerships import selectors

    p = PartnershipFactory(title="Hürth – Peremyshlyany")
    PartnershipFactory(publication_state="draft", title="Hürth Entwurf")
    items = selectors.home_latest_portraits(limit=3)
    assert [i["title"] for i in items] == ["Hürth – Peremyshlyany"]
    assert set(items[0]) == {"title", "url", "summary", "date", "kind"}
    assert (
        selectors.portraits_published_since(since=None, limit=5)[0]["url"] == p.get_absolute_url()
    )
    assert selectors.search_items(query="Hürth", limit=5)[0]["title"] == p.title
    assert selectors.search_items(query="", limit=5) == []


def test_portrait_and_actor_show_related_events_and_library_items(client):
    from tests.events.factories import EventFactory
    from tests.knowledge.factories import ResourceFactory

    p = PartnershipFactory()
    actor = p.members.first().actor
    event = EventFactory(title_de="Forum Hürth")
    event.related_partnerships.add(p)
    resource = ResourceFactory(title="Leitfaden Solidarität")
    resource.related_partnerships.add(p)
    resource.related_actors.add(actor)
    body = client.get(p.get_absolute_url()).content.decode()
    assert "Forum Hürth" in body and "Leitfaden Solidarität" in body
    body = client.get(actor.get_absolute_url()).content.decode()
    assert "Forum Hürth" in body and "Leitfaden Solidarität" in body
    assert "secret-room" not in body


def test_sensitive_place_is_never_shown_where_it_is(client, areas):
    """One rule for the portrait's map, the portrait PDF's page and the public map data."""
    from partnerships.pdf import portrait_html

    kryvyi_rih = areas["kryvyi_rih"]
    p = PartnershipFactory(partners=[areas["billerbeck"], kryvyi_rih])
    exact = f'data-lat="{kryvyi_rih.latitude:f}"'
    assert exact in client.get(p.get_absolute_url()).content.decode()
    kryvyi_rih.is_sensitive = True
    kryvyi_rih.save()
    body = client.get(p.get_absolute_url()).content.decode()
    assert exact not in body and f'data-lat="{areas["billerbeck"].latitude:f}"' in body
    assert exact not in portrait_html(partnership=p, language="de")
    features = client.get("/api/partnerships.geojson").json()["features"]
    [point] = [f for f in features if f["properties"].get("name") == "Kryvyi Rih"]
    assert point["geometry"]["coordinates"] == [35.04066, 48.46664]  # the oblast's centre

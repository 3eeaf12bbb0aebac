"""Staff correct coordinates: the admin's coordinate queue, its rules and the history."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships import services
from partnerships.models import Actor
from partnerships.opendata import feature_collection
from partnerships.selectors import actors_needing_coordinates
from tests.factories import UserFactory
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db

URL = "/admin/partnerships/actor/koordinaten/"


@pytest.fixture
def staff(staff_user, client):
    client.force_login(staff_user)
    return staff_user


def _unplaced(name="Gibtesnichtdorf", country="PL", **kwargs):
    return ActorFactory(name=name, country=country, latitude=None, longitude=None, **kwargs)


def _save(client, actor, lat, lon, **headers):
    return client.post(
        URL,
        {
            "actor": actor.pk,
            "action": "save",
            f"actor-{actor.pk}-latitude": lat,
            f"actor-{actor.pk}-longitude": lon,
        },
        **headers,
    )


def test_url_is_linked_from_the_actor_changelist(client, staff):
    assert reverse("admin:partnerships_actor_coordinates") == URL
    response = client.get(reverse("admin:partnerships_actor_changelist"))
    assert f'href="{URL}"' in response.content.decode()


def test_only_staff_with_the_change_permission_reach_the_queue(client):
    actor = _unplaced()
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory())  # logged in, not staff
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = _save(client, actor, "51,5", "7,4")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(UserFactory(is_staff=True))  # staff without the Netzwerkstelle rights
    assert client.get(URL).status_code == 403
    assert _save(client, actor, "51,5", "7,4").status_code == 403
    actor.refresh_from_db()
    assert actor.latitude is None and actor.history.count() == 1


def test_queue_lists_missing_not_found_and_guessed_but_not_checked_coordinates(client, staff):
    missing = _unplaced(name="Ohne Koordinaten")
    not_found = _unplaced(name="Nirgendwo", coordinate_source="not_found")
    guessed = ActorFactory(name="Geraten", coordinate_source="gazetteer")
    manual = ActorFactory(name="Von Hand", coordinate_source="manual")
    reference = ActorFactory(name="Referenz", coordinate_source="reference")
    in_map = _unplaced(name="Auf der Karte")
    PartnershipFactory(partners=[in_map, UkrainianActorFactory()])

    assert list(actors_needing_coordinates()) == [in_map, not_found, missing, guessed]
    assert list(actors_needing_coordinates(queue="not_found")) == [not_found]
    assert list(actors_needing_coordinates(queue="gazetteer")) == [guessed]
    body = client.get(URL).content.decode()
    for actor in (missing, not_found, guessed, in_map):
        assert f'id="actor-{actor.pk}"' in body
    for actor in (manual, reference):
        assert f'id="actor-{actor.pk}"' not in body
    assert 'value="confirm"' in body and 'value="lookup"' in body
    body = client.get(URL + "?queue=not_found").content.decode()
    assert f'id="actor-{not_found.pk}"' in body and f'id="actor-{missing.pk}"' not in body

    # The same choices as a list filter on the actor changelist.
    changelist = reverse("admin:partnerships_actor_changelist")

    def listed(value):
        response = client.get(changelist, {"koordinaten": value})
        return set(response.context["cl"].result_list)

    assert listed("not_found") == {not_found}
    assert listed("missing") == {missing, not_found, in_map}
    assert listed("gazetteer") == {guessed}
    assert listed("manual") == {manual}
    assert reference in listed("reference") and guessed not in listed("reference")


@pytest.mark.parametrize(
    ("lat", "lon", "field", "message"),
    [
        ("95", "7,4", "latitude", "Der Breitengrad muss zwischen -90 und 90 liegen"),
        ("51,5", "-200.5", "longitude", "Der Längengrad muss zwischen -180 und 180 liegen"),
        ("einundfünfzig", "7,4", "latitude", "„einundfünfzig“ ist keine Zahl"),
        ("51,5", "nan", "longitude", "„nan“ ist keine Zahl"),
        ("", "7,4", "latitude", "Bitte den Breitengrad angeben."),
        ("51,5", "", "longitude", "Bitte den Längengrad angeben."),
        ("0", "0,0", None, "Die Koordinaten 0,0 liegen im Atlantik"),
    ],
)
def test_bad_coordinates_are_refused_with_the_input_kept(client, staff, lat, lon, field, message):
    actor = _unplaced()
    response = _save(client, actor, lat, lon)
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    form = response.context["rows"][0][1]
    assert form.prefix == f"actor-{actor.pk}"
    errors = form.errors[field] if field else form.non_field_errors()
    assert any(message in e for e in errors)
    assert f'value="{lat}"' in body if lat else True  # what staff typed is still there
    assert f'value="{lon}"' in body if lon else True
    actor.refresh_from_db()
    assert actor.latitude is None and actor.longitude is None
    assert actor.history.count() == 1  # nothing saved, nothing recorded


@pytest.mark.parametrize("language", ["uk", "en"])
def test_messages_in_the_admins_german_whatever_the_browser_asks(client, staff, language):
    """The admin speaks the staff's working language (portal.middleware.AdminLanguageMiddleware)."""
    actor = _unplaced()
    response = _save(client, actor, "91", "7", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert "Der Breitengrad muss zwischen -90 und 90 liegen" in response.content.decode()


def test_correction_is_saved_recorded_and_invalidates_the_map(
    client, staff, django_capture_on_commit_callbacks
):
    actor = _unplaced(name="Tui", country="ES")
    PartnershipFactory(partners=[ActorFactory(), actor])
    version = services.published_version()
    with django_capture_on_commit_callbacks(execute=True):
        response = _save(client, actor, "42,0476", "−8.6446")
    assert response.status_code == 302 and response["Location"] == URL
    actor.refresh_from_db()
    assert (actor.latitude, actor.longitude) == (42.0476, -8.6446)
    assert actor.coordinate_source == Actor.CoordinateSource.MANUAL
    record = actor.history.first()
    assert record.history_user == staff
    assert record.history_change_reason == services.COORDINATES_CORRECTED
    assert record.latitude == 42.0476
    assert services.published_version() != version  # the cached map data is rebuilt
    follow = client.get(URL)
    assert "Koordinaten von Tui gespeichert: 42.04760, -8.64460." in follow.content.decode()
    assert f'id="actor-{actor.pk}"' not in follow.content.decode()  # done: out of the queue


def test_gazetteer_guess_can_be_confirmed_or_looked_up_again(client, staff):
    actor = _unplaced(name="Skawina")
    response = client.post(URL, {"actor": actor.pk, "action": "lookup"})
    assert response.status_code == 302
    actor.refresh_from_db()
    assert round(actor.latitude) == 50 and round(actor.longitude) == 20
    assert actor.coordinate_source == Actor.CoordinateSource.GAZETTEER
    assert actor.history.first().history_user == staff
    assert "im Ortsverzeichnis gefunden" in client.get(URL).content.decode()
    assert list(actors_needing_coordinates(queue="gazetteer")) == [actor]

    client.post(URL, {"actor": actor.pk, "action": "lookup"})  # same result: no new record
    assert actor.history.count() == 2
    client.post(URL, {"actor": actor.pk, "action": "confirm"})
    actor.refresh_from_db()
    assert actor.coordinate_source == Actor.CoordinateSource.MANUAL
    assert actor.history.first().history_change_reason == services.COORDINATES_CONFIRMED
    assert not actors_needing_coordinates().exists()
    # Coordinates a person checked are never replaced by the gazetteer.
    client.post(URL, {"actor": actor.pk, "action": "lookup"})
    assert "ersetzt sie nicht" in client.get(URL).content.decode()
    client.post(URL, {"actor": actor.pk, "action": "confirm"})
    assert "können bestätigt werden" in client.get(URL).content.decode()


def test_a_name_that_cannot_be_found_is_reported_and_never_placed_at_zero(client, staff):
    actor = _unplaced()
    partner = ActorFactory()
    PartnershipFactory(partners=[partner, actor])
    response = client.post(URL, {"actor": actor.pk, "action": "lookup"})
    assert response.status_code == 302
    body = client.get(URL + "?queue=not_found").content.decode()
    assert "Gibtesnichtdorf wurde im Ortsverzeichnis nicht gefunden" in body
    assert "Land: PL" in body
    assert f'id="actor-{actor.pk}"' in body
    actor.refresh_from_db()
    assert actor.latitude is None and actor.longitude is None
    assert actor.coordinate_source == Actor.CoordinateSource.NOT_FOUND
    assert actor.history.first().history_user == staff
    # The map has no point for it (and nothing at 0,0); its partner is still shown.
    collection, _modified = feature_collection(
        actor.memberships.first().partnership.__class__.objects.published()
    )
    points = [f for f in collection["features"] if f["properties"]["feature"] == "actor"]
    assert [p["properties"]["id"] for p in points] == [partner.pk]
    assert all(p["geometry"]["coordinates"] != [0, 0] for p in points)
    # Trying again changes nothing and records nothing new.
    client.post(URL, {"actor": actor.pk, "action": "lookup"})
    assert actor.history.count() == 2


def test_admin_form_looks_up_missing_coordinates_and_reports_unknown_names(client, staff):
    response = client.get(reverse("admin:partnerships_actor_add"))
    form = response.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if not isinstance(value, list | tuple)
    }
    data.update(
        {
            "kind": "municipality",
            "name_de": "Gibtesnichtdorf",
            "slug": "gibtesnichtdorf",
            "country": "PL",
            "latitude": "",
            "longitude": "",
            "coordinate_source": "",
            "editors-TOTAL_FORMS": "0",
            "editors-INITIAL_FORMS": "0",
            "editors-MIN_NUM_FORMS": "0",
            "editors-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(reverse("admin:partnerships_actor_add"), data, follow=True)
    assert response.status_code == 200, response.context["adminform"].form.errors
    actor = Actor.objects.get(slug="gibtesnichtdorf")
    assert actor.latitude is None
    assert actor.coordinate_source == Actor.CoordinateSource.NOT_FOUND
    body = response.content.decode()
    assert "im Ortsverzeichnis nicht gefunden" in body
    assert f'href="{URL}?queue=not_found"' in body

    # Typing coordinates into the change form makes them "manual" (kept by later imports).
    change = reverse("admin:partnerships_actor_change", args=[actor.pk])
    form = client.get(change).context["adminform"].form
    data.update(
        {
            "latitude": "50.06",
            "longitude": "19.94",
            "coordinate_source": actor.coordinate_source,
            "editors-INITIAL_FORMS": "0",
        }
    )
    response = client.post(change, data, follow=True)
    assert response.status_code == 200
    actor.refresh_from_db()
    assert (actor.latitude, actor.coordinate_source) == (50.06, Actor.CoordinateSource.MANUAL)


def test_queue_query_count_does_not_grow_with_rows(client, staff):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(URL)
        assert response.status_code == 200
        return len(ctx.captured_queries), len(response.context["rows"])

    for n in range(3):
        PartnershipFactory(partners=[ActorFactory(), _unplaced(name=f"Ort {n}")])
    few, rows = count_queries()
    assert rows == 3
    for n in range(70):
        PartnershipFactory(partners=[ActorFactory(), _unplaced(name=f"Weiterer Ort {n}")])
        ActorFactory(name=f"Geraten {n}", coordinate_source="gazetteer")
    many, rows = count_queries()
    assert rows == 50  # one page
    assert many == few
    assert many <= 10


def test_gazetteer_reads_only_the_countrys_file():
    from partnerships import geocoding

    place = geocoding.lookup(names=["skawina "], country="pl")
    assert place is not None and place.name == "Skawina" and place.country == "PL"
    assert (geocoding.cache_dir() / "PL.json.gz").is_file()
    assert geocoding.lookup(names=["Skawina"], country="DE") is None
    assert geocoding.lookup(names=["Skawina"], country="") is None
    assert geocoding.lookup(names=["Skawina"], country="../PL") is None

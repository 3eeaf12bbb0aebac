import gzip
import json

import pytest
from django.urls import reverse
from django.utils.http import http_date

from partnerships import services
from tests.partnerships.factories import ActorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

URL = "/api/partnerships.geojson"


def _json(response):
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def test_content_points_lines_and_sensitive(client, areas):
    p = PartnershipFactory(
        title="Billerbeck – Kryvyi Rih", partners=[areas["billerbeck"], areas["kryvyi_rih"]]
    )
    PartnershipFactory(publication_state="draft")
    areas["kryvyi_rih"].is_sensitive = True
    areas["kryvyi_rih"].save()
    data = _json(client.get(URL))
    assert data["license"] == "CC BY 4.0" and data["counting_rule"]
    actors = {
        f["properties"]["name"]: f
        for f in data["features"]
        if f["properties"]["feature"] == "actor"
    }
    lines = [f for f in data["features"] if f["properties"]["feature"] == "partnership"]
    assert set(actors) == {"Billerbeck", "Kryvyi Rih"}
    assert len(lines) == 1 and lines[0]["properties"]["url"] == p.get_absolute_url()
    # sensitive: shown at the oblast centre, not the town
    assert actors["Kryvyi Rih"]["geometry"]["coordinates"] == [35.04066, 48.46664]
    assert actors["Kryvyi Rih"]["properties"]["sensitive"] is True
    assert "contact" not in json.dumps(data)


def test_same_filters_as_list(client, areas):
    PartnershipFactory(slug="a", partners=[areas["billerbeck"], areas["kryvyi_rih"]])
    PartnershipFactory(slug="b")
    data = _json(client.get(URL, {"kreis": "kreis-coesfeld"}))
    assert [
        f["properties"]["url"]
        for f in data["features"]
        if f["properties"]["feature"] == "partnership"
    ] == [reverse("partnerships:detail", kwargs={"slug": "a"})]
    assert client.get(URL, {"kind": "nonsense"}).status_code == 400


def test_gzip_etag_and_304(client):
    PartnershipFactory()
    response = client.get(URL, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    plain = client.get(URL)
    assert "Content-Encoding" not in plain and plain["ETag"] == etag


def test_cached_and_invalidated_on_publish(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    PartnershipFactory()
    first = client.get(URL)
    with django_assert_num_queries(0):
        assert client.get(URL)["ETag"] == first["ETag"]
    draft = PartnershipFactory(publication_state="review")
    with django_capture_on_commit_callbacks(execute=True):
        services.partnership_publish(partnership=draft)
    second = client.get(URL)
    assert second["ETag"] != first["ETag"]
    assert (
        len([f for f in _json(second)["features"] if f["properties"]["feature"] == "partnership"])
        == 2
    )


def test_actor_change_invalidates(client, django_capture_on_commit_callbacks):
    p = PartnershipFactory()
    first = client.get(URL)["ETag"]
    actor = p.members.first().actor
    actor.name = "Neu"
    actor.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.actor_changed(actor=actor)
    assert client.get(URL)["ETag"] != first


def test_query_budget_with_many_rows_and_every_filter(client, areas, django_assert_max_num_queries):
    for _ in range(60):
        PartnershipFactory(
            partners=[ActorFactory(), areas["kryvyi_rih"], ActorFactory(country="PL")]
        )
    with django_assert_max_num_queries(5):
        response = client.get(
            URL,
            {
                "theme": "jugend",
                "horizon": "humanitarian",
                "kreis": "kreis-coesfeld",
                "regierungsbezirk": "rb-muenster",
                "oblast": "oblast-dnipropetrowsk",
                "country": "UA",
                "kind": ["twinning"],
                "status": ["active"],
                "formal": "true",
                "q": "x",
                "year_from": "1990",
                "year_to": "2024",
            },
        )
    assert response.status_code == 200
    with django_assert_max_num_queries(5):
        data = _json(client.get(URL, {"lang": "uk"}))
    assert len(data["features"]) == 60 + 60 * 2 + 1


def test_csv_download(client, areas):
    PartnershipFactory(kind="school", partners=[areas["billerbeck"], areas["kryvyi_rih"]])
    response = client.get("/api/partnerships.csv")
    assert response["Content-Disposition"].startswith("attachment")
    assert "creativecommons.org/licenses/by/4.0" in response["Link"]
    text = response.content.decode("utf-8-sig")
    header, row = text.splitlines()[:2]
    assert header.startswith("id,slug,title,kind,counted")
    assert ",school,no," in row and "Billerbeck | Kryvyi Rih" in row

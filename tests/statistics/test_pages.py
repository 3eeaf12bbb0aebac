"""The public page, its CSV downloads, the open JSON and the boundaries."""

import csv
import gzip
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.models import Milestone
from partnerships.services import published_data_changed
from partnerships.statistics import presentation
from tests.partnerships.factories import ActorFactory, PartnershipFactory, UkrainianActorFactory

pytestmark = pytest.mark.django_db


def _url(lang="de", name="statistics:page", **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs or None)


def test_page_in_german_has_every_figure_with_table_chart_csv_and_date(client, register):
    response = client.get(_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Stand" in html
    for key in presentation.KEYS:
        assert f'id="{key}"' in html
        assert _url(name="statistics:csv", key=key) in html
    assert html.count("<svg") >= 10  # charts and three maps, server-rendered
    assert html.count("<table") == len(presentation.KEYS)
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "Geobasis NRW" in html and "CC BY 4.0" in html  # boundary credits


def test_page_query_count_is_constant(
    client, register, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_max_num_queries(10):
        assert client.get(_url()).status_code == 200
    # More partnerships, actors, milestones: the same number of queries.
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            p = PartnershipFactory(
                kind="twinning",
                since=register["p1"].since,
                partners=[
                    ActorFactory(official_code=f"0555801{n}"),
                    UkrainianActorFactory(region=register["malyn"].region),
                ],
            )
            Milestone.objects.create(partnership=p, date=register["p1"].since, title="Besuch")
        published_data_changed()
    with django_assert_max_num_queries(10):
        assert client.get(_url("uk")).status_code == 200


def test_warm_page_needs_no_figure_queries(client, register, django_assert_max_num_queries):
    client.get(_url())
    with django_assert_max_num_queries(1):
        client.get(_url())


def test_ukrainian_page_has_ukrainian_labels_and_plurals(client, register):
    html = client.get(_url("uk")).content.decode()
    assert 'lang="uk"' in html
    assert "Статистика" in html
    assert "Житомирська область" in html  # oblast names in Cyrillic
    # "3 партнерства" (few) — Ukrainian plural forms, not the German "Partnerschaften".
    assert "3 партнерства" in html
    assert "Partnerschaften" not in html.split("<main", 1)[-1]


def test_ukrainian_plural_forms():
    with translation.override("uk"):
        assert presentation._partnerships(1) == "1 партнерство"
        assert presentation._partnerships(3) == "3 партнерства"
        assert presentation._partnerships(5) == "5 партнерств"
        assert presentation._partnerships(21) == "21 партнерство"


def test_csv_download_is_formula_safe(client, register, monkeypatch):
    response = client.get(_url(name="statistics:csv", key="kreise"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Kreis oder kreisfreie Stadt"
    coesfeld = next(r for r in rows if r[1] == "05558")
    assert coesfeld[2:] == ["2", "1", "11", "9.1"]

    monkeypatch.setattr(
        "partnerships.statistics.boundaries.kreis_name",
        lambda code: '=HYPERLINK("http://evil")' if code == "05558" else code,
    )
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(_url(name="statistics:csv", key="kreise")).content.decode("utf-8-sig")
            )
        )
    )
    assert any(r[0].startswith("'=HYPERLINK") for r in rows)


def test_unknown_csv_is_404(client, register):
    assert client.get(_url(name="statistics:csv", key="nothing")).status_code == 404


def test_api_has_figures_definitions_and_date_with_etag(client, register):
    response = client.get(reverse("statistics_api"))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["as_of"]
    assert body["key_figures"]["partnerships"] >= 0
    assert set(body["figures"]) == set(presentation.KEYS)
    assert body["figures"]["kreise"]["definition"]
    etag = response["ETag"]
    again = client.get(reverse("statistics_api"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    uk = client.get(reverse("statistics_api") + "?lang=uk")
    assert uk["ETag"] != etag
    assert json.loads(uk.content)["figures"]["oblasts"]["title"] == "За областями"


def test_api_etag_changes_with_the_register(client, register, django_capture_on_commit_callbacks):
    etag = client.get(reverse("statistics_api"))["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        PartnershipFactory(
            kind="twinning",
            since=register["p1"].since,
            partners=[register["koeln"], register["malyn"]],
        )
        published_data_changed()
    response = client.get(reverse("statistics_api"), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag


def test_boundaries_geojson_for_the_map_base_layer(client):
    response = client.get(reverse("boundaries_geojson"), HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.content))
    layers = {f["properties"]["layer"] for f in data["features"]}
    assert layers == {"country", "kreis", "oblast"}
    assert sum(f["properties"]["layer"] == "kreis" for f in data["features"]) == 53
    assert (
        client.get(reverse("boundaries_geojson"), HTTP_IF_NONE_MATCH=response["ETag"]).status_code
        == 304
    )


def test_navigation_links_the_statistics(client, register):
    html = client.get(_url("en")).content.decode()
    assert f'href="{_url("en")}"' in html

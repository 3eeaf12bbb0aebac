"""The partner search in the admin: profiles and their suggestions, the weights with a
preview before saving, origin statistics, read-only reference facts."""

import pytest
from django.urls import reverse

from partnerships.matchmaking.models import (
    OriginStatistic,
    PlaceFacts,
    SearchProfile,
    SuggestionWeights,
)
from partnerships.matchmaking.selectors import actor_suggestions
from tests.factories import UserFactory
from tests.matchmaking.factories import SearchProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


def weights_post(**changes):
    return SuggestionWeights.current().as_dict() | changes


def test_profile_admin_pages(staff_client, world):
    profile = SearchProfileFactory(actor=world["huerth"], needs_uk="Обмін пожежних")
    changelist = staff_client.get(reverse("admin:matchmaking_searchprofile_changelist"))
    assert changelist.status_code == 200 and "Hürth" in changelist.content.decode()
    change = staff_client.get(reverse("admin:matchmaking_searchprofile_change", args=[profile.pk]))
    assert change.status_code == 200 and "Обмін пожежних" in change.content.decode()
    page = staff_client.get(
        reverse("admin:matchmaking_searchprofile_suggestions", args=[profile.pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert "Peremyshliany" in text and "beide mit Skawina (PL) verschwistert" in text


def test_actor_admin_links_to_staff_only_suggestions(staff_client, client, world):
    change = staff_client.get(
        reverse("admin:partnerships_actor_change", args=[world["duisburg"].pk])
    )
    url = reverse("admin:matchmaking_actor_suggestions", args=[world["duisburg"].pk])
    assert url in change.content.decode()
    page = staff_client.get(url)
    assert page.status_code == 200 and "Einwohner 498.686 / 606.584" in page.content.decode()
    client.logout()
    client.force_login(UserFactory())
    assert client.get(url).status_code == 302  # to the login, never the suggestions


def test_weights_preview_shows_both_orders_and_saves_nothing(staff_client, world):
    profile = SearchProfileFactory(actor=world["huerth"])
    url = reverse("admin:matchmaking_suggestionweights_edit")
    assert staff_client.get(url).status_code == 200
    before = SuggestionWeights.current().as_dict()
    response = staff_client.post(
        url,
        weights_post(third_partner=0, size=10, preview_profile=profile.pk, _preview="1"),
    )
    assert response.status_code == 200
    rows = response.context["preview"]
    assert rows[0]["current"].actor.name == "Peremyshliany"
    assert rows[0]["edited"].actor.name == "Malyn"
    assert rows[0]["moved"] == 1  # Malyn was second
    assert SuggestionWeights.current().as_dict() == before


def test_weights_saved_in_the_admin_change_the_order(staff_client, world):
    assert actor_suggestions(actor=world["huerth"])[0].actor.name == "Peremyshliany"
    response = staff_client.post(
        reverse("admin:matchmaking_suggestionweights_edit"),
        weights_post(third_partner=0, size=10, _save="1"),
    )
    assert response.status_code == 302
    weights = SuggestionWeights.current()
    assert (weights.third_partner, weights.size) == (0, 10)
    assert weights.history.first().history_user is not None
    assert actor_suggestions(actor=world["huerth"])[0].actor.name == "Malyn"


def test_bad_weights_are_refused_with_the_input_kept(staff_client, world):
    before = SuggestionWeights.current().as_dict()
    response = staff_client.post(
        reverse("admin:matchmaking_suggestionweights_edit"),
        weights_post(size=99, themes="viel", _save="1"),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "zwischen -20 und 20" in text and 'value="viel"' in text
    assert SuggestionWeights.current().as_dict() == before
    preview = staff_client.post(
        reverse("admin:matchmaking_suggestionweights_edit"), weights_post(_preview="1")
    )
    assert preview.status_code == 400  # no profile chosen


def test_weights_need_the_change_permission(client, world):
    from django.contrib.auth.models import Permission

    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename="view_suggestionweights", content_type__app_label="matchmaking"
        )
    )
    client.force_login(viewer)
    url = reverse("admin:matchmaking_suggestionweights_edit")
    assert client.get(url).status_code == 200
    assert client.post(url, weights_post(size=1, _save="1")).status_code == 403
    assert SuggestionWeights.current().size == 3.0


def test_origin_statistic_entered_in_the_admin(staff_client, staff_user, world):
    response = staff_client.post(
        reverse("admin:matchmaking_originstatistic_add"),
        {
            "actor": world["billerbeck"].pk,
            "origin_country": "UA",
            "origin_region": world["malyn_oblast"].pk,
            "residents": "120",
            "as_of": "31.03.2024",
            "source": "Einwohnermeldeamt",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    stat = OriginStatistic.objects.get()
    assert stat.entered_by == staff_user and stat.residents == 120


def test_reference_facts_are_read_only(staff_client, world):
    facts = PlaceFacts.objects.first()
    assert staff_client.get(reverse("admin:matchmaking_placefacts_changelist")).status_code == 200
    page = staff_client.get(reverse("admin:matchmaking_placefacts_change", args=[facts.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    twinnings = staff_client.get(reverse("admin:matchmaking_twinning_changelist"))
    assert "CC BY-SA 4.0" in twinnings.content.decode()
    assert staff_client.get(reverse("admin:matchmaking_placefacts_add")).status_code == 403


def test_profile_saved_in_the_admin_is_cleaned(staff_client, staff_user, world):
    response = staff_client.post(
        reverse("admin:matchmaking_searchprofile_add"),
        {
            "actor": world["malyn"].pk,
            "visibility": "public",
            "valid_until": "01.12.2027",
            "decision_stage": "mandate",
            "seeks_kinds": '["municipality", "municipality"]',
            "languages": '["uk", "de"]',
            "needs_de": "Feuerwehr\x07technik",
            "needs_uk": "Пожежна техніка",
            "contact_name": "Olena Kovalenko",
            "contact_email": " Olena@Example.org ",
            "contact_language": "uk",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    profile = SearchProfile.objects.get()
    assert profile.needs_de == "Feuerwehrtechnik"
    assert profile.seeks_kinds == ["municipality"] and profile.languages == ["de", "uk"]
    assert profile.contact_email == "olena@example.org" and profile.created_by == staff_user

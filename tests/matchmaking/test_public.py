"""The public partner search: list and map in three languages, no contact data anywhere,
"Kontakt über die Netzwerkstelle" and "Wir suchen einen Partner"."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.matchmaking.models import ContactRequest, PartnerRequest, SearchProfile
from partnerships.models import Actor
from portal.models import OutboundEmail, Theme
from portal.tasks import outbound_email_send
from tests.factories import UserFactory
from tests.mail import send_pending
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import EditorFactory

pytestmark = pytest.mark.django_db


def url(name, *args, lang="de"):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture
def profiles(world):
    public = SearchProfileFactory(
        actor=world["malyn"],
        needs_de="Partner für Jugendaustausch <script>alert(1)</script>",
        needs_uk="Партнера для молодіжних обмінів",
        contact_name="Olena Geheim",
        contact_email="olena.geheim@example.org",
        contact_phone="+380 99 123",
        themes=list(Theme.objects.filter(slug="jugend")),
    )
    staff_only = SearchProfileFactory(actor=world["peremyshliany"], visibility="staff")
    expired = SearchProfileFactory(
        actor=world["kryvyi_rih"], valid_until=timezone.localdate() - timedelta(days=1)
    )
    german = SearchProfileFactory(actor=world["billerbeck"], contact_email="bb@example.org")
    return {"public": public, "staff_only": staff_only, "expired": expired, "german": german}


@pytest.mark.parametrize("lang", ["de", "uk", "en"])
def test_list_in_three_languages_without_contact_data(client, profiles, lang):
    response = client.get(url("matchmaking:list", lang=lang))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Malyn" in text and "Billerbeck" in text
    assert "Peremyshliany" not in text and "Kryvyi Rih" not in text  # staff-only, expired
    for secret in ("Olena Geheim", "olena.geheim@example.org", "+380 99 123", "bb@example.org"):
        assert secret not in text
    assert "<script>alert(1)</script>" not in text  # texts sanitised like portraits
    if lang == "uk":
        assert "Партнера для молодіжних обмінів" in text


def test_filters_side_region_themes_size(client, profiles, world):
    world["malyn_oblast"].slug = "oblast-schytomyr"
    world["malyn_oblast"].save()

    def names(**params):
        response = client.get(url("matchmaking:list"), params)
        assert response.status_code == 200
        return {p.actor.name for p in response.context["page"].object_list}

    assert names(side="UA") == {"Malyn"}
    assert names(side="DE") == {"Billerbeck"}
    assert names(themes="jugend") == {"Malyn"}
    assert names(size="gross") == {"Malyn"}  # 36,723
    assert names(size="mittel") == {"Billerbeck"}  # 11,597
    assert names(region="oblast-schytomyr") == {"Malyn"}
    assert client.get(url("matchmaking:list"), {"size": "riesig"}).status_code == 400


def test_map_data_has_points_and_no_contact(client, profiles, world):
    world["malyn"].is_sensitive = True
    world["malyn"].save()
    response = client.get(url("matchmaking:map_data"), {"side": "UA"})
    data = response.json()["profiles"]
    assert [p["name"] for p in data] == ["Malyn"]
    oblast = world["malyn_oblast"]
    assert data[0]["point"] == [round(oblast.longitude, 5), round(oblast.latitude, 5)]
    assert "olena" not in response.content.decode().lower()


def test_public_list_queries_do_not_grow_with_1000_profiles(client, world):
    themes = list(Theme.objects.all()[:3])

    def make(n, offset):
        actors = Actor.objects.bulk_create(
            [
                Actor(
                    kind="hromada",
                    name=f"Громада {offset + i}",
                    slug=f"hromada-bulk-{offset + i}",
                    country="UA",
                    population=1000 + i,
                    region=world["malyn_oblast"],
                    latitude=50.0,
                    longitude=30.0,
                )
                for i in range(n)
            ]
        )
        made = SearchProfile.objects.bulk_create(
            [
                SearchProfile(
                    actor=a, needs_de="Austausch", contact_name="X", contact_email="x@example.org"
                )
                for a in actors
            ]
        )
        through = SearchProfile.themes.through
        through.objects.bulk_create(
            [through(searchprofile=p, theme=t) for p in made for t in themes]
        )

    def count(path):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
        return len(ctx.captured_queries)

    make(5, 0)
    count(url("matchmaking:list"))  # warm: cached filter choices, session
    small = (count(url("matchmaking:list")), count(url("matchmaking:map_data")))
    make(995, 5)
    assert SearchProfile.objects.published().count() == 1000
    large = (count(url("matchmaking:list")), count(url("matchmaking:map_data")))
    assert large == small
    assert large[0] <= 15 and large[1] <= 3


def test_contact_reaches_staff_and_reveals_nothing(
    client, profiles, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(url("matchmaking:contact", profiles["public"].pk))
    assert page.status_code == 200 and "olena.geheim" not in page.content.decode()
    data = {
        "name": "Anna Muster",
        "organisation": "Stadt Billerbeck",
        "email": "Anna@Example.org",
        "message": "Wir würden gern eine Jugendbegegnung planen.",
        "consent": "on",
    }
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(url("matchmaking:contact", profiles["public"].pk), data)
    assert not mailoutbox  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert response.status_code == 302
    assert response["Location"] == url("matchmaking:contact_thanks")
    request = ContactRequest.objects.get()
    assert request.email == "anna@example.org" and request.status == "new"
    assert [m.to for m in mailoutbox] == [[staff_user.email]]
    assert "Jugendbegegnung" in mailoutbox[0].body
    assert mailoutbox[0].reply_to == ["anna@example.org"]
    thanks = client.get(response["Location"]).content.decode()
    assert "olena" not in thanks.lower()


def test_contact_errors_keep_the_input(client, profiles):
    response = client.post(
        url("matchmaking:contact", profiles["public"].pk),
        {"name": "Anna", "email": "kein-at", "message": "Mein Text bleibt", "consent": ""},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Mein Text bleibt" in text and "Einwilligung" in text
    assert not ContactRequest.objects.exists()


def test_contact_is_rate_limited_with_a_reason(client, profiles, settings):
    settings.MATCHMAKING_RATE_LIMIT = (2, 3600)
    data = {"name": "A", "email": "a@example.org", "message": "Hallo", "consent": "on"}
    path = url("matchmaking:contact", profiles["public"].pk)
    assert [client.post(path, data).status_code for _ in range(2)] == [302, 302]
    blocked = client.post(path, data)
    assert blocked.status_code == 429
    assert "zu viele Nachrichten" in blocked.content.decode()
    assert ContactRequest.objects.count() == 2


def test_no_contact_form_for_staff_only_or_expired_profiles(client, profiles):
    for key in ("staff_only", "expired"):
        assert client.get(url("matchmaking:contact", profiles[key].pk)).status_code == 404
    assert client.get(url("matchmaking:contact", 999999)).status_code == 404


def test_forwarded_once_in_the_contacts_language(
    client, profiles, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    from partnerships.matchmaking import services

    profiles["public"].contact_language = "uk"
    profiles["public"].save()
    request = services.contact_request_create(
        profile=profiles["public"],
        name="Anna Muster",
        organisation="Stadt Billerbeck",
        email="anna@example.org",
        message="Hallo Malyn",
        language="de",
        consent_text="…",
        ip_address="127.0.0.1",
    )
    send_pending()  # the staff's email (the test transaction never commits)
    mailoutbox.clear()
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:matchmaking_contactrequest_changelist"),
            {"action": "forward", "_selected_action": [request.pk]},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["olena.geheim@example.org"] and mail.reply_to == ["anna@example.org"]
    assert "Anna Muster" in mail.subject
    assert "Hallo Malyn" in mail.body
    [forward] = OutboundEmail.objects.filter(template__endswith="/contact_forward")
    outbound_email_send.delay(forward.pk)  # a retried send task sends nothing more
    assert len(mailoutbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:matchmaking_contactrequest_changelist"),
            {"action": "forward", "_selected_action": [request.pk]},
        )
    assert len(mailoutbox) == 1


def test_partner_request_for_actors_without_an_account(
    client, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(url("matchmaking:request", lang="uk"))
    assert page.status_code == 200
    assert url("partnerships:actor_list", lang="uk") in page.content.decode()  # access request
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("matchmaking:request", lang="uk"),
            {
                "organisation": "Малинська громада",
                "organisation_kind": "hromada",
                "country": "UA",
                "place": "Житомирська область",
                "seeks": "Місто-партнера в NRW для обміну молоді",
                "themes": [Theme.objects.get(slug="jugend").pk],
                "contact_name": "Олена Коваленко",
                "contact_email": "olena@example.org",
                "consent": "on",
            },
        )
    assert response.status_code == 302
    request = PartnerRequest.objects.get()
    assert request.language == "uk" and request.status == "received"
    assert list(request.themes.values_list("slug", flat=True)) == ["jugend"]
    assert [m.to for m in mailoutbox] == [[staff_user.email]]


def test_partner_request_accepted_by_staff_becomes_a_staff_only_profile(client, staff_user, world):
    from partnerships.matchmaking import services

    request = services.partner_request_create(
        organisation="Малинська громада",
        organisation_kind="hromada",
        country="UA",
        seeks="Партнер для обміну молоді",
        contact_name="Олена",
        contact_email="Olena@Example.org",
        themes=Theme.objects.filter(slug="jugend"),
        language="uk",
        consent_text="…",
        ip_address=None,
    )
    client.force_login(staff_user)
    changelist = reverse("admin:matchmaking_partnerrequest_changelist")
    refused = client.post(changelist, {"action": "accept", "_selected_action": [request.pk]})
    assert refused.status_code == 302 and not SearchProfile.objects.exists()  # no actor yet
    request.actor = world["malyn"]
    request.save()
    client.post(changelist, {"action": "accept", "_selected_action": [request.pk]})
    profile = SearchProfile.objects.get()
    assert profile.actor == world["malyn"] and profile.visibility == "staff"
    assert profile.needs_uk == "Партнер для обміну молоді" and profile.contact_language == "uk"
    assert profile.contact_email == "olena@example.org"
    request.refresh_from_db()
    assert request.status == "accepted" and request.profile == profile


def test_staff_suggestions_page_only_for_staff(client, world, staff_user):
    path = url("matchmaking:actor_suggestions", world["duisburg"].slug)
    assert client.get(path).status_code == 404
    editor = EditorFactory(actor=world["duisburg"])
    client.force_login(editor.user)
    assert client.get(path).status_code == 404
    assert path not in client.get(world["duisburg"].get_absolute_url()).content.decode()
    # the staff flag without the office's permissions: no link to a page that would be a 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(path).status_code == 404
    assert path not in client.get(world["duisburg"].get_absolute_url()).content.decode()
    client.force_login(staff_user)
    assert path in client.get(world["duisburg"].get_absolute_url()).content.decode()
    page = client.get(path)
    assert page.status_code == 200 and "Einwohner 498.686 / 606.584" in page.content.decode()


def test_my_area_lists_own_profiles_only(client, profiles, world):
    editor = EditorFactory(actor=world["malyn"])
    client.force_login(editor.user)
    text = client.get(url("portal:my_area")).content.decode()
    assert url("matchmaking:profile_edit", profiles["public"].pk) in text
    assert url("matchmaking:profile_edit", profiles["german"].pk) not in text
    assert url("matchmaking:profile_create", world["malyn"].slug) in text
    client.force_login(UserFactory())
    assert "Suchprofil" not in client.get(url("portal:my_area")).content.decode()


def test_only_staff_who_may_change_forward_or_decline(client, profiles):
    from django.contrib.auth.models import Permission

    from partnerships.matchmaking import services

    request = services.contact_request_create(
        profile=profiles["public"],
        name="Anna Muster",
        organisation="",
        email="anna@example.org",
        message="Hallo Malyn",
        language="de",
        consent_text="…",
        ip_address=None,
    )
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(
            codename="view_contactrequest", content_type__app_label="matchmaking"
        )
    )
    client.force_login(viewer)
    changelist = reverse("admin:matchmaking_contactrequest_changelist")
    assert client.get(changelist).status_code == 200
    for action in ("forward", "decline"):
        client.post(changelist, {"action": action, "_selected_action": [request.pk]})
        request.refresh_from_db()
        assert request.status == ContactRequest.Status.NEW
    assert not OutboundEmail.objects.filter(template__endswith="/contact_forward").exists()

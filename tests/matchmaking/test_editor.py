"""Search profiles in "Mein Bereich": editors keep their actor's profiles (Ukrainian
editors in Ukrainian) and nobody else's."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.matchmaking.models import SearchProfile
from portal.models import Theme
from tests.factories import StaffFactory
from tests.matchmaking.factories import SearchProfileFactory
from tests.partnerships.factories import EditorFactory

pytestmark = pytest.mark.django_db


def url(name, *args, lang="de"):
    with translation.override(lang):
        return reverse(name, args=args)


def form_data(**changes):
    data = {
        "seeks_kinds": ["municipality"],
        "min_population": "5000",
        "max_population": "50000",
        "themes": [Theme.objects.get(slug="jugend").pk],
        "needs_uk": "Партнера для молодіжних обмінів",
        "offers_uk": "Досвід організації таборів",
        "languages": ["uk", "en"],
        "staff_time": "hours",
        "decision_stage": "mandate",
        "visibility": "public",
        "contact_name": "Олена Коваленко",
        "contact_email": "olena@example.org",
        "contact_language": "uk",
    }
    data.update(changes)
    return data


@pytest.fixture
def ukrainian_editor(client, world):
    editor = EditorFactory(actor=world["malyn"])
    editor.user.language = "uk"
    editor.user.save()
    client.force_login(editor.user)
    return editor


def test_ukrainian_editor_files_a_profile_in_ukrainian(client, ukrainian_editor, world):
    page = client.get(url("matchmaking:profile_create", world["malyn"].slug, lang="uk"))
    text = page.content.decode()
    assert page.status_code == 200 and 'lang="uk"' in text
    assert text.index('name="needs_uk"') < text.index('name="needs_de"')  # own language first
    response = client.post(
        url("matchmaking:profile_create", world["malyn"].slug, lang="uk"), form_data()
    )
    profile = SearchProfile.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("matchmaking:profile_edit", profile.pk, lang="uk")
    assert profile.needs_uk == "Партнера для молодіжних обмінів"
    assert profile.created_by == ukrainian_editor.user
    assert profile.seeks_kinds == ["municipality"] and profile.languages == ["en", "uk"]
    edit = client.get(response["Location"])
    assert edit.status_code == 200
    assert "Billerbeck" in edit.content.decode()  # suggestions for the new profile


def test_errors_are_shown_and_the_input_kept(client, ukrainian_editor, world):
    response = client.post(
        url("matchmaking:profile_create", world["malyn"].slug, lang="uk"),
        form_data(needs_uk="", offers_uk="Мій текст", min_population="90000"),
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "Мій текст" in text
    assert response.context["form"].errors.keys() >= {"needs_uk", "max_population"}
    assert not SearchProfile.objects.exists()


def test_too_long_texts_are_refused(client, ukrainian_editor, world):
    response = client.post(
        url("matchmaking:profile_create", world["malyn"].slug), form_data(needs_uk="я" * 2001)
    )
    assert response.status_code == 400 and not SearchProfile.objects.exists()


def test_region_cannot_be_wanted_and_excluded(client, ukrainian_editor, world):
    region = world["rb"]
    response = client.post(
        url("matchmaking:profile_create", world["malyn"].slug),
        form_data(preferred_regions=[region.pk], excluded_regions=[region.pk]),
    )
    assert response.status_code == 400
    assert "excluded_regions" in response.context["form"].errors


def test_editor_edits_extends_and_deletes_own_profile(client, ukrainian_editor, world):
    profile = SearchProfileFactory(actor=world["malyn"], valid_until=timezone.localdate())
    response = client.post(
        url("matchmaking:profile_edit", profile.pk), form_data(needs_uk="Новий текст")
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.needs_uk == "Новий текст"
    client.post(url("matchmaking:profile_extend", profile.pk))
    profile.refresh_from_db()
    assert (profile.valid_until - timezone.localdate()).days == 365
    assert client.get(url("matchmaking:profile_delete", profile.pk)).status_code == 200
    client.post(url("matchmaking:profile_delete", profile.pk))
    assert not SearchProfile.objects.exists()


def test_editor_cannot_touch_other_actors_profiles(client, ukrainian_editor, world):
    other = SearchProfileFactory(actor=world["billerbeck"])
    assert client.get(url("matchmaking:profile_edit", other.pk)).status_code == 403
    assert client.post(url("matchmaking:profile_extend", other.pk)).status_code == 403
    assert client.post(url("matchmaking:profile_delete", other.pk)).status_code == 403
    create = url("matchmaking:profile_create", world["billerbeck"].slug)
    assert client.post(create, form_data()).status_code == 403
    assert SearchProfile.objects.count() == 1


def test_staff_may_file_profiles_for_anyone(client, world):
    client.force_login(StaffFactory())
    response = client.post(
        url("matchmaking:profile_create", world["billerbeck"].slug),
        form_data(needs_de="Partner gesucht", needs_uk=""),
    )
    assert response.status_code == 302
    assert SearchProfile.objects.get().actor == world["billerbeck"]


def test_anonymous_visitors_are_sent_to_the_login(client, world):
    response = client.get(url("matchmaking:profile_create", world["malyn"].slug))
    assert response.status_code == 302 and "login" in response["Location"]

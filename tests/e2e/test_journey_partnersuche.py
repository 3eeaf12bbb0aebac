"""Partner search, in Ukrainian: a hromada official files a search profile → the office
shortlists Billerbeck-like candidates from the suggestions → introduces one → the NRW side
answers "interested" → a project partnership appears in the register."""

import re

import pytest

from partnerships.matchmaking.models import IntroductionAnswer, MatchCase, SearchProfile
from partnerships.models import Actor, ActorEditor, Partnership
from portal.models import Theme
from tests.factories import PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

NEEDS_UK = "Шукаємо невелике місто в NRW для молодіжних обмінів і співпраці шкіл."


@pytest.fixture
def register(transactional_db):
    from io import StringIO

    from partnerships.demo import load_partnerships
    from partnerships.matchmaking.demo import load_demo
    from partnerships.reference import reference_actors_load

    reference_actors_load()
    load_partnerships(stdout=StringIO())
    load_demo(stdout=StringIO())


def login(page, email: str, lang: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base_url + f"/{lang}/konto/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def test_hromada_profile_to_project_partnership(page, journey, register, mailoutbox, settings):
    settings.ADMIN_REQUIRE_2FA = False
    radomyshl = Actor.objects.get(official_code="UA18040450000079138")
    official = UserFactory(email="gromada@radomyshl.example.org", language="uk")
    ActorEditor.objects.create(user=official, actor=radomyshl)
    staff = StaffFactory(email="team@example.org")

    # 1. The hromada official files a profile, in Ukrainian.
    login(page, official.email, "uk")
    page.goto(page.base_url + "/uk/mein-bereich/")
    name_uk = radomyshl.name_uk or radomyshl.name
    page.get_by_role("link", name=f"Новий пошуковий профіль для {name_uk}").click()
    page.wait_for_url("**/uk/mein-bereich/suchprofile/neu/**")
    assert "Що ми шукаємо (Українська)" in page.content()
    journey.check("profile-form-uk")
    page.check("input[name=seeks_kinds][value=municipality]")
    page.fill("#id_min_population", "5000")
    page.fill("#id_max_population", "60000")
    page.check(f"input[name=themes][value='{Theme.objects.get(slug='jugend').pk}']")
    page.fill("#id_needs_uk", NEEDS_UK)
    page.get_by_role("button", name="Зберегти пошуковий профіль").click()
    page.wait_for_url(re.compile(r".*/uk/mein-bereich/suchprofile/\d+/$"))
    assert "Можливі партнери" in page.content()
    journey.check("profile-saved-uk")
    profile = SearchProfile.objects.get(actor=radomyshl)
    assert profile.needs_uk == NEEDS_UK and profile.contact_language == "uk"

    # The public list shows it, without the contact.
    page.goto(page.base_url + "/uk/partnersuche/?side=UA")
    assert NEEDS_UK in page.content() and official.email not in page.content()
    page.locator("#profile-map[data-state=ready]").wait_for()
    journey.check("public-list-uk")

    # 2. The office opens a case and shortlists Billerbeck-like candidates.
    login(page, staff.email, "de")
    page.goto(page.base_url + "/admin/matchmaking/searchprofile/")
    row = page.locator("#result_list tbody tr").filter(has_text=radomyshl.name).first
    row.locator("input.action-select").check()
    page.select_option("select[name=action]", label="Anbahnung anlegen")
    page.locator("button[name=index]").click()
    page.wait_for_url("**/admin/matchmaking/matchcase/*/change/")
    case = MatchCase.objects.get(profile=profile)
    page.get_by_role("link", name="Kandidaten aus den Vorschlägen auswählen").click()
    page.wait_for_url("**/auswahl/")
    boxes = page.locator("input[name=candidates]")
    chosen = [boxes.nth(i).get_attribute("value") for i in range(2)]
    for i in range(2):
        boxes.nth(i).check()
    page.fill("#id_note", "Kleinstadt wie Billerbeck, ähnliche Größe")
    page.get_by_role("button", name="Auf die Auswahlliste").click()
    page.wait_for_url("**/admin/matchmaking/matchcase/*/change/")
    case.refresh_from_db()
    assert case.state == "shortlist"
    candidate = Actor.objects.get(pk=int(chosen[0]))
    assert candidate.country == "DE" and candidate.kind == "municipality"

    # 3. Introduction: both contacts by email, each in their language.
    page.get_by_role("link", name=candidate.name, exact=True).first.click()
    page.wait_for_url("**/vorstellen/**")
    page.fill("#id_name", "Anna Muster")
    page.fill("#id_email", "anna@stadt.example.org")
    page.select_option("#id_language", "de")
    page.get_by_role("button", name="Vorstellung senden").click()
    page.wait_for_url("**/admin/matchmaking/matchcase/*/change/")
    german = next(m for m in mailoutbox if m.to == ["anna@stadt.example.org"])
    ukrainian = next(m for m in mailoutbox if m.to == [official.email])
    assert radomyshl.name in german.subject and "Пошук партнерів" in ukrainian.subject

    # 4. The NRW side answers "interested" with the link in its email.
    interested = re.search(r"https?://\S+/de/partnersuche/antwort/\S+/", german.body).group(0)
    page.context.clear_cookies()
    page.goto(interested)
    journey.check("answer-de")
    page.get_by_role("button", name="Ja, wir sind interessiert").click()
    assert "Vielen Dank! Wir haben Ihr Interesse notiert" in page.content()
    answer = IntroductionAnswer.objects.get(email="anna@stadt.example.org")
    assert answer.answer == "interested"

    # 5. The office records the first meeting and the project partnership.
    login(page, staff.email, "de")
    for state in ("first_meeting", "trial"):
        page.goto(page.base_url + f"/admin/matchmaking/matchcase/{case.pk}/change/")
        page.select_option("#id_to_state", state)
        page.get_by_role("button", name="Stand ändern").click()
        page.wait_for_url("**/admin/matchmaking/matchcase/*/change/")
    case.refresh_from_db()
    assert case.state == "trial"
    partnership = Partnership.objects.get(pk=case.partnership_id)
    assert partnership.kind == "project" and partnership.is_published

    # 6. The project partnership is in the register.
    page.goto(page.base_url + "/uk/partnerschaften/?q=" + radomyshl.name)
    assert (partnership.title_uk or partnership.title) in page.content()
    journey.check("register-uk")
    assert not page.console_errors

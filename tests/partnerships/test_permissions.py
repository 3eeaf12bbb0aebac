import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from knowledge import permissions as knowledge_permissions
from partnerships import permissions
from portal.permissions import SECOND_FACTOR_MARK
from tests.factories import StaffFactory, UserFactory
from tests.partnerships.factories import ActorFactory, EditorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Dozens of users per run: the production hasher would dominate the run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


STATES = ["draft", "review", "published"]
ROLES = [
    "anonymous",
    "user",
    "own_editor",
    "broker_editor",
    "other_editor",
    "staff",
    "inactive_editor",
    "staff_without_group",
    "superuser",
    "inactive_staff",
]
STAFF_ROLES = {"staff", "staff_without_group", "superuser", "inactive_staff"}

# role -> (can view draft/review, can edit, can publish)
EXPECTED = {
    "anonymous": (False, False, False),
    "user": (False, False, False),
    "own_editor": (True, True, False),
    "broker_editor": (True, True, False),
    "other_editor": (False, False, False),
    "staff": (True, True, True),
    "inactive_editor": (False, False, False),
    # ``is_staff`` alone gives nothing: the powers come from the Netzwerkstelle group.
    "staff_without_group": (False, False, False),
    "superuser": (True, True, True),
    "inactive_staff": (False, False, False),
}
NOBODY = (False, False, False)


def _user(role, partnership):
    partner = partnership.members.get(role="partner", position=0).actor
    broker = partnership.members.get(role="broker").actor
    if role == "anonymous":
        return AnonymousUser()
    if role == "user":
        return UserFactory()
    if role == "staff":
        return StaffFactory()
    if role == "staff_without_group":
        return UserFactory(is_staff=True)
    if role == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    if role == "inactive_staff":
        return StaffFactory(is_active=False)
    if role == "own_editor":
        return EditorFactory(actor=partner).user
    if role == "broker_editor":
        return EditorFactory(actor=broker).user
    if role == "other_editor":
        return EditorFactory(actor=ActorFactory()).user
    if role == "inactive_editor":
        editor = EditorFactory(actor=partner).user
        editor.is_active = False
        editor.save()
        return editor
    raise AssertionError(role)


@pytest.fixture
def make_partnership():
    def make(state):
        p = PartnershipFactory(publication_state=state)
        p.members.create(actor=ActorFactory(country="PL"), role="broker", position=100)
        return p

    return make


# "relaxed": the embedded demo (ADMIN_REQUIRE_2FA=false); "verified" / "password only":
# a session whose login did / did not use the second factor, where it is required.
SESSIONS = ["relaxed", "verified", "password only"]


@pytest.mark.parametrize("session", SESSIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_predicates(role, state, session, make_partnership, settings):
    settings.ADMIN_REQUIRE_2FA = session != "relaxed"
    p = make_partnership(state)
    user = _user(role, p)
    if session == "verified":  # what portal.middleware.SecondFactorMiddleware records
        setattr(user, SECOND_FACTOR_MARK, True)
    expected = EXPECTED[role]
    if role in STAFF_ROLES and session == "password only":
        expected = NOBODY
    can_view_hidden, can_edit, can_publish = expected
    assert permissions.can_view_partnership(user, p) == (state == "published" or can_view_hidden)
    assert permissions.can_edit_partnership(user, p) == can_edit
    assert permissions.can_publish_partnership(user) == can_publish
    assert permissions.editable_partnerships(user).filter(pk=p.pk).exists() == can_edit
    own_actor = p.members.get(role="partner", position=0).actor
    staff_edits = role in STAFF_ROLES and can_edit
    assert permissions.can_edit_actor(user, own_actor) == (role == "own_editor" or staff_edits)
    assert knowledge_permissions.can_publish_resource(user) == can_publish


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ["anonymous", "user", "own_editor", "other_editor", "staff"])
def test_edit_views_answer_403_or_redirect(client, role, state, make_partnership):
    p = make_partnership(state)
    user = _user(role, p)
    if role != "anonymous":
        client.force_login(user)
    urls = [
        reverse("partnerships:edit", kwargs={"slug": p.slug}),
        reverse("partnerships:item_add", kwargs={"slug": p.slug, "kind": "meilenstein"}),
        reverse("partnerships:actor_edit", kwargs={"slug": p.members.first().actor.slug}),
    ]
    for url in urls:
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302 and "/konto/login/" in response["Location"]
        elif role in ("own_editor", "staff"):
            assert response.status_code == 200, url
        else:
            assert response.status_code == 403, url


def test_editor_cannot_touch_items_of_other_partnerships(client):
    mine = PartnershipFactory()
    other = PartnershipFactory()
    milestone = other.milestones.create(date="2022-05-01", title="Fremd")
    editor = EditorFactory(actor=mine.members.first().actor).user
    client.force_login(editor)
    url = reverse(
        "partnerships:item_delete",
        kwargs={"slug": other.slug, "kind": "meilenstein", "pk": milestone.pk},
    )
    assert client.post(url).status_code == 403
    url = reverse(
        "partnerships:item_delete",
        kwargs={"slug": mine.slug, "kind": "meilenstein", "pk": milestone.pk},
    )
    assert client.post(url).status_code == 404
    assert other.milestones.count() == 1


def _staff_area_answers(client, partnership, milestone) -> dict[str, int]:
    """What a staff member gets in the editors' area for another actor's draft."""
    return {
        "draft": client.get(partnership.get_absolute_url()).status_code,
        "edit": client.get(
            reverse("partnerships:edit", kwargs={"slug": partnership.slug})
        ).status_code,
        "delete": client.post(
            reverse(
                "partnerships:item_delete",
                kwargs={"slug": partnership.slug, "kind": "meilenstein", "pk": milestone.pk},
            )
        ).status_code,
    }


def test_staff_with_a_password_alone_have_no_powers_in_the_editors_area(
    client, settings, make_partnership
):
    from tests.factories import PASSWORD

    settings.ADMIN_REQUIRE_2FA = True
    p = make_partnership("draft")
    milestone = p.milestones.create(date="2022-05-01", title="Ratsbeschluss")
    staff = StaffFactory(is_superuser=True)  # no second factor enrolled
    response = client.post("/de/konto/login/", {"login": staff.email, "password": PASSWORD})
    assert response.status_code == 302  # logged in with the password
    assert _staff_area_answers(client, p, milestone) == {"draft": 404, "edit": 403, "delete": 403}
    assert p.milestones.count() == 1
    # The same rule in the demo, where ADMIN_REQUIRE_2FA is false: staff powers.
    settings.ADMIN_REQUIRE_2FA = False
    answers = _staff_area_answers(client, p, milestone)
    assert answers["draft"] == answers["edit"] == 200 and answers["delete"] == 302
    assert p.milestones.count() == 0


def test_staff_who_used_their_second_factor_have_their_powers(client, settings, make_partnership):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.portal.conftest import login_with_second_factor

    settings.ADMIN_REQUIRE_2FA = True
    p = make_partnership("review")
    milestone = p.milestones.create(date="2022-05-01", title="Ratsbeschluss")
    staff = StaffFactory()
    staff.totp_secret = generate_totp_secret()
    TOTP.activate(staff, staff.totp_secret)
    # A session that did not go through the second factor (e.g. an old one): no powers.
    client.force_login(staff)
    assert _staff_area_answers(client, p, milestone)["edit"] == 403
    client.logout()
    login_with_second_factor(client, staff)
    answers = _staff_area_answers(client, p, milestone)
    assert answers["draft"] == answers["edit"] == 200 and answers["delete"] == 302

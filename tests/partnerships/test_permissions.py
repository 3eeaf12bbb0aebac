import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from partnerships import permissions
from tests.factories import StaffFactory, UserFactory
from tests.partnerships.factories import ActorFactory, EditorFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

STATES = ["draft", "review", "published"]
ROLES = [
    "anonymous",
    "user",
    "own_editor",
    "broker_editor",
    "other_editor",
    "staff",
    "inactive_editor",
]

# role -> (can view draft/review, can edit, can publish)
EXPECTED = {
    "anonymous": (False, False, False),
    "user": (False, False, False),
    "own_editor": (True, True, False),
    "broker_editor": (True, True, False),
    "other_editor": (False, False, False),
    "staff": (True, True, True),
    "inactive_editor": (False, False, False),
}


def _user(role, partnership):
    partner = partnership.members.get(role="partner", position=0).actor
    broker = partnership.members.get(role="broker").actor
    if role == "anonymous":
        return AnonymousUser()
    if role == "user":
        return UserFactory()
    if role == "staff":
        return StaffFactory()
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


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_predicates(role, state, make_partnership):
    p = make_partnership(state)
    user = _user(role, p)
    can_view_hidden, can_edit, can_publish = EXPECTED[role]
    assert permissions.can_view_partnership(user, p) == (state == "published" or can_view_hidden)
    assert permissions.can_edit_partnership(user, p) == can_edit
    assert permissions.can_publish_partnership(user) == can_publish
    own_actor = p.members.get(role="partner", position=0).actor
    assert permissions.can_edit_actor(user, own_actor) == (role in ("own_editor", "staff"))


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

"""Editors submit best practices from their partnerships; staff publish them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import permissions, services
from knowledge.models import Resource
from tests.partnerships.factories import ActorFactory, EditorFactory, PartnershipFactory
from tests.upload_samples import polyglot_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_setup():
    actor = ActorFactory(name="Billerbeck")
    partnership = PartnershipFactory(title="Billerbeck – Malyn", partners=[actor, ActorFactory()])
    other = PartnershipFactory(title="Fremde Partnerschaft")
    editor = EditorFactory(actor=actor).user
    return editor, partnership, other


def form_data(partnership, **extra):
    return {
        "partnership": partnership.pk,
        "title": "Ferienfreizeit für 19 Kinder",
        "summary": "Kinder aus Malyn zu Gast.",
        "body": "Im Sommer 2022 **19 Kinder** eingeladen.",
        "language": "de",
        **extra,
    }


def test_editor_submits_best_practice_in_review(client, editor_setup):
    editor, partnership, _other = editor_setup
    client.force_login(editor)
    assert client.get("/de/wissen/einreichen/").status_code == 200
    response = client.post("/de/wissen/einreichen/", form_data(partnership), follow=True)
    assert "wird von der Netzwerkstelle geprüft" in response.content.decode()
    resource = Resource.objects.get(submitted_by=editor)
    assert resource.state == Resource.State.IN_REVIEW
    assert resource.kind == Resource.Kind.BEST_PRACTICE
    assert list(resource.related_partnerships.all()) == [partnership]
    assert client.get(resource.get_absolute_url()).status_code == 404  # not public yet
    assert "Ferienfreizeit für 19 Kinder" in response.content.decode()  # own list


def test_editor_cannot_submit_for_foreign_partnership(client, editor_setup):
    editor, _partnership, other = editor_setup
    client.force_login(editor)
    response = client.post("/de/wissen/einreichen/", form_data(other))
    assert response.status_code == 200
    assert not Resource.objects.exists()
    with pytest.raises(PermissionDenied):
        services.best_practice_submit(
            user=editor,
            partnership=other,
            title="x",
            summary="y",
            body="z",
            language="de",
        )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bericht.pdf", b"kein pdf", "keine echte PDF-Datei"),
        ("polyglot.pdf", polyglot_bytes(), "Webseiten-Code"),
        ("polyglot.html", polyglot_bytes(), "nicht erlaubt"),
    ],
)
def test_invalid_upload_keeps_input(client, editor_setup, name, content, message):
    editor, partnership, _other = editor_setup
    client.force_login(editor)
    response = client.post(
        "/de/wissen/einreichen/",
        form_data(partnership, attachment=SimpleUploadedFile(name, content)),
    )
    content = response.content.decode()
    assert message in content
    assert "Ferienfreizeit für 19 Kinder" in content
    assert not Resource.objects.exists()


@pytest.mark.parametrize("who", ["anonymous", "plain_user"])
def test_non_editors_cannot_submit(client, who, user):
    if who == "plain_user":
        client.force_login(user)
        assert client.get("/de/wissen/einreichen/").status_code == 403
        assert not permissions.can_submit_best_practice(user)
    else:
        assert client.get("/de/wissen/einreichen/").status_code == 302


def test_staff_publishes_submission(client, editor_setup, staff_user):
    editor, partnership, _other = editor_setup
    resource = services.best_practice_submit(
        user=editor,
        partnership=partnership,
        title="Ferienfreizeit",
        summary="Kurz",
        body="Text",
        language="de",
    )
    with pytest.raises(PermissionDenied):
        services.resource_publish(resource=resource, user=editor)
    client.force_login(staff_user)
    response = client.post(
        "/admin/knowledge/resource/",
        {"action": "publish_resources", "_selected_action": [resource.pk]},
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.state == Resource.State.PUBLISHED
    assert client.get(resource.get_absolute_url()).status_code == 200


def test_resource_relations_are_set_by_keyword_and_others_left_alone():
    from knowledge import services
    from knowledge.models import Country
    from portal.models import Horizon, Theme
    from tests.knowledge.factories import ResourceFactory

    resource = ResourceFactory()
    theme, horizon = Theme.objects.first(), Horizon.objects.first()
    services.resource_save_relations(resource=resource, themes=[theme], horizons=[horizon])
    services.resource_save_relations(resource=resource, countries=[Country.objects.get(code="UA")])
    assert list(resource.themes.all()) == [theme]
    assert list(resource.horizons.all()) == [horizon]
    assert [c.code for c in resource.countries.all()] == ["UA"]

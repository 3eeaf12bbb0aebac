"""The register's admin calls the services: what an admin form or action does is what the
service does (kind-change history, history rows with the staff member)."""

import pytest
from django.urls import reverse

from partnerships.models import Partnership
from tests.admin_forms import admin_form_data
from tests.partnerships.factories import PartnershipFactory

pytestmark = pytest.mark.django_db


def test_changing_the_kind_in_the_form_keeps_the_kind_history(client, staff_user):
    p = PartnershipFactory(kind="project", summary_de="Alt")
    client.force_login(staff_user)
    url = reverse("admin:partnerships_partnership_change", args=[p.pk])
    data = admin_form_data(client.get(url))
    summary = "Seit dem Ratsbeschluss eine Städtepartnerschaft"
    data.update({"kind": "twinning", "summary_de": summary})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    p.refresh_from_db()
    assert (p.kind, p.summary_de) == ("twinning", summary)
    change = p.kind_changes.get()
    assert (change.from_kind, change.to_kind) == ("project", "twinning")
    # One save: one history row, with the staff member, holding both changes.
    latest = p.history.first()
    assert (latest.kind, latest.history_user) == ("twinning", staff_user)
    assert p.history.count() == 2

    # Saving without a change of kind records no kind change.
    assert client.post(url, admin_form_data(client.get(url))).status_code == 302
    assert p.kind_changes.count() == 1


def test_publish_action_uses_the_service(client, staff_user):
    p = PartnershipFactory(publication_state=Partnership.Publication.REVIEW)
    client.force_login(staff_user)
    changelist = reverse("admin:partnerships_partnership_changelist")
    client.post(changelist, {"action": "publish", "_selected_action": [p.pk]})
    p.refresh_from_db()
    assert p.is_published and p.published_at is not None
    assert p.history.first().history_user == staff_user

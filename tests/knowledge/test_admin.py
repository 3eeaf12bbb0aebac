import pytest
from django.contrib.auth.models import Group, Permission

from knowledge.models import Country, FundingProgram, Guide, Resource, TargetGroup
from tests.factories import UserFactory
from tests.knowledge.factories import FundingProgramFactory, GuideSectionFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def test_taxonomy_and_staff_permissions_are_migrated():
    assert TargetGroup.objects.filter(slug="municipality").exists()
    assert Country.objects.get(code="UA").name_uk == "Україна"
    group = Group.objects.get(name="Netzwerkstelle")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"change_resource", "add_guide", "change_fundingprogram"} <= codenames


@pytest.mark.parametrize("model", [Resource, FundingProgram, Guide])
def test_admin_changelists_render_with_constant_queries(
    client, staff_user, model, django_assert_max_num_queries
):
    ResourceFactory.create_batch(30)
    FundingProgramFactory.create_batch(30)
    for _ in range(10):
        GuideSectionFactory()
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    url = f"/admin/knowledge/{model._meta.model_name}/"
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert response.status_code == 200


def test_admin_change_forms_render(client, staff_user):
    resource = ResourceFactory()
    section = GuideSectionFactory(resource=resource)
    program = FundingProgramFactory()
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    for url in [
        f"/admin/knowledge/resource/{resource.pk}/change/",
        f"/admin/knowledge/guide/{section.guide.pk}/change/",
        f"/admin/knowledge/fundingprogram/{program.pk}/change/",
        "/admin/knowledge/resource/add/",
    ]:
        assert client.get(url).status_code == 200, url


def test_publish_action_only_for_staff_who_may_publish(client, staff_user):
    resource = ResourceFactory(state=Resource.State.IN_REVIEW)
    client.force_login(staff_user)
    url = "/admin/knowledge/resource/"
    assert "publish_resources" in client.get(url).content.decode()
    response = client.post(url, {"action": "publish_resources", "_selected_action": [resource.pk]})
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.state == Resource.State.PUBLISHED

    reader = UserFactory(is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_resource"))
    client.force_login(reader)
    assert "publish_resources" not in client.get(url).content.decode()

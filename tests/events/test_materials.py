"""Event slides and materials: checked like every upload (they had no check at all)."""

import pytest
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from events.models import Event
from portal.uploads import UploadFormField
from tests.events.factories import EventFactory
from tests.upload_samples import odf_bytes, ooxml_bytes, pdf_bytes, polyglot_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def slides_field(staff_user):
    request = RequestFactory().get("/admin/")
    request.user = staff_user
    form_class = admin.site._registry[Event].get_form(request, EventFactory())
    return form_class.base_fields["slides"]


def test_admin_slides_field_uses_the_upload_check(slides_field):
    assert isinstance(slides_field, UploadFormField) and slides_field.policy.name == "slides"
    assert ".pptx" in slides_field.widget.attrs["accept"]
    for name, data in (
        ("folien.pdf", pdf_bytes()),
        ("folien.pptx", ooxml_bytes("pptx")),
        ("folien.odp", odf_bytes("odp")),
    ):
        assert slides_field.clean(upload(name, data))


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("polyglot.pdf", polyglot_bytes()),
        ("polyglot.html", polyglot_bytes()),
        ("folien.pptx", pdf_bytes()),
        ("folien.svg", b"<svg onload=alert(1)>"),
    ],
)
def test_admin_refuses_polyglot_and_fake_slides(slides_field, name, data):
    with pytest.raises(forms.ValidationError):
        slides_field.clean(upload(name, data))


def test_model_validation_refuses_polyglot_slides():
    event = EventFactory()
    event.slides = upload("polyglot.pdf", polyglot_bytes())
    with pytest.raises(ValidationError) as info:
        event.full_clean()
    assert info.value.error_dict["slides"][0].code == "markup"

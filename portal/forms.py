from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import ConsultationRequest
from portal.validators import validate_single_line

CONSULTATION_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass die Netzwerkstelle Städtepartnerschaften NRW "
    "(Auslandsgesellschaft.de e.V.) meine Angaben speichert, um meine Anfrage zu bearbeiten. "
    "Ich kann die Einwilligung jederzeit widerrufen."
)


class HoneypotMixin(forms.Form):
    """A field people never see; bots fill it. Shared by the portal's public forms."""

    website = forms.CharField(
        label=_("Bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(
                _(
                    "Ihre Anfrage wurde nicht angenommen, weil ein verstecktes Feld ausgefüllt "
                    "war, das nur automatische Programme ausfüllen. Bitte laden Sie die Seite "
                    "neu oder schreiben Sie uns eine E-Mail."
                ),
                code="honeypot",
            )
        return ""


class ConsultationForm(HoneypotMixin, forms.ModelForm):
    consent = forms.BooleanField(
        label=CONSULTATION_CONSENT_TEXT,
        required=True,
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir die Anfrage nicht bearbeiten.")
        },
    )

    class Meta:
        model = ConsultationRequest
        fields = ConsultationRequest.SUBMITTED_FIELDS
        widgets = {
            "message": forms.Textarea(attrs={"rows": 7, "maxlength": 5000}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"country": _("Wo ist Ihre Organisation?")}
        help_texts = {
            "message": _(
                "Worum geht es? Sie können Deutsch, Ukrainisch oder Englisch schreiben. "
                "Höchstens 5.000 Zeichen."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "organisation"):
            self.fields[name].validators.append(validate_single_line)
        self.fields["organisation_kind"].choices = [
            ("", _("Bitte wählen")),
            *self.fields["organisation_kind"].choices[1:],
        ]
        self.fields["topic"].choices = [("", _("Bitte wählen")), *self.fields["topic"].choices[1:]]
        # Preselected by the view from the page's language; a form posted without it (an
        # older page, a script) counts as from Germany, as before the field existed.
        self.fields["country"].required = False

    def clean_country(self) -> str:
        return self.cleaned_data.get("country") or ConsultationRequest.Country.GERMANY

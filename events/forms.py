import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from events.models import LANGUAGE_CHOICES, Registration
from portal.forms import HoneypotMixin
from portal.validators import validate_single_line

REGISTRATION_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass die Netzwerkstelle Städtepartnerschaften NRW "
    "(Auslandsgesellschaft.de e.V.) meine Angaben für die Organisation dieser Veranstaltung "
    "speichert und mir dazu E-Mails schickt. Die Angaben werden spätestens 180 Tage nach der "
    "Veranstaltung anonymisiert. Ich kann die Einwilligung jederzeit widerrufen, indem ich "
    "mich abmelde."
)

_MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")


def validate_no_markup(value: str) -> None:
    """Free text is shown as plain text; HTML tags are refused with a clear message."""
    if _MARKUP.search(value or ""):
        raise ValidationError(
            _("Bitte ohne HTML-Auszeichnungen wie <script> eingeben."), code="markup"
        )


# What a registrant may change later: all they filled in but the email address.
DETAIL_FIELDS = [name for name in Registration.FILLED_IN if name != "email"]


class _DetailsMixin(forms.ModelForm):
    def _setup(self):
        for name in ("name", "organisation"):
            self.fields[name].validators.append(validate_single_line)
        for name in DETAIL_FIELDS:
            self.fields[name].validators.append(validate_no_markup)
        self.fields["organisation_kind"].choices = [
            ("", _("Bitte wählen")),
            *[c for c in self.fields["organisation_kind"].choices if c[0]],
        ]
        self.fields["language"] = forms.ChoiceField(
            label=_("Sprache für E-Mails"), choices=LANGUAGE_CHOICES
        )


class RegistrationForm(HoneypotMixin, _DetailsMixin):
    consent = forms.BooleanField(
        label=REGISTRATION_CONSENT_TEXT,
        required=True,
        error_messages={"required": _("Ohne Ihre Einwilligung können wir Sie nicht anmelden.")},
    )

    class Meta:
        model = Registration
        fields = list(Registration.FILLED_IN)
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 120}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "accessibility_needs": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
            "question": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }
        help_texts = {
            "accessibility_needs": _(
                "Freiwillig: z. B. Gebärdensprache, Untertitel, rollstuhlgerechter Zugang."
            ),
            "question": _("Freiwillig. Höchstens 2.000 Zeichen."),
        }
        error_messages = {
            "email": {
                "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
                "invalid": _(
                    "Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@beispiel.de."
                ),
            },
            "name": {"required": _("Bitte geben Sie Ihren Namen an.")},
        }

    def __init__(self, *args, language: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        self.fields["language"].initial = language
        # The honeypot and consent come last, after the person's details.
        self.order_fields([*self.Meta.fields, "language", "consent", "website"])
        # Registration.email is unique per event only in lower case; the service decides.
        self.fields["email"].validators = [
            v for v in self.fields["email"].validators if v.__class__.__name__ != "Unique"
        ]

    def validate_unique(self):
        """Duplicates are handled by the service (no hint on screen)."""


class RegistrationUpdateForm(_DetailsMixin):
    class Meta:
        model = Registration
        fields = DETAIL_FIELDS
        widgets = RegistrationForm.Meta.widgets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup()
        if self.instance and self.instance.pk:
            self.fields["language"].initial = self.instance.language


class EventMessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=200, validators=[validate_single_line])
    body = forms.CharField(label=_("Nachricht"), max_length=10000, widget=forms.Textarea)


class DuplicateEventForm(forms.Form):
    start = forms.DateTimeField(
        label=_("Neuer Beginn"),
        help_text=_("Berliner Zeit, z. B. 2026-06-20 17:00"),
    )

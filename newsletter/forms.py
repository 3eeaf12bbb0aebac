from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsletter.models import ConsentText, Newsletter
from portal import languages
from portal.forms import HoneypotMixin
from portal.validators import validate_single_line


class NewsletterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


def language_choices() -> list[tuple[str, str]]:
    return list(languages.NAMES.items())


class SubscribeForm(HoneypotMixin, forms.Form):
    """Sign-up (double opt-in). The consent text version shown is recorded with the request."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        validators=[validate_single_line],
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse an, z. B. name@example.org."),
            "max_length": _("Die E-Mail-Adresse ist zu lang (höchstens 254 Zeichen)."),
        },
    )
    newsletters = NewsletterChoiceField(
        label=_("Welche Newsletter möchten Sie erhalten?"),
        queryset=Newsletter.objects.public(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Bitte wählen Sie mindestens einen Newsletter."),
            "invalid_choice": _("Diesen Newsletter gibt es nicht. Bitte wählen Sie aus der Liste."),
            "invalid_pk_value": _(
                "Diesen Newsletter gibt es nicht. Bitte wählen Sie aus der Liste."
            ),
        },
    )
    language = forms.ChoiceField(
        label=_("Sprache der E-Mails"),
        choices=language_choices,
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Sprache aus der Liste.")},
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir Ihnen keinen Newsletter senden.")
        },
    )
    consent_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, consent_text: ConsentText, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text
        self.fields["consent"].label = consent_text.text
        self.fields["consent_version"].initial = consent_text.version
        self.fields["language"].initial = get_language()
        if len(self.fields["newsletters"].queryset) == 1:
            self.fields["newsletters"].initial = list(self.fields["newsletters"].queryset)

    def clean_consent_version(self) -> ConsentText:
        """The version the person saw; an unknown one (tampered form) is refused."""
        version = self.cleaned_data["consent_version"]
        text = ConsentText.objects.filter(version=version).first()
        if text is None:
            raise forms.ValidationError(
                _(
                    "Der Einwilligungstext hat sich geändert. "
                    "Bitte lesen und bestätigen Sie ihn neu."
                )
            )
        return text


class PreferencesForm(forms.Form):
    """The subscriber's lists and language (reached through the personal link)."""

    newsletters = NewsletterChoiceField(
        label=_("Diese Newsletter möchte ich erhalten"),
        queryset=Newsletter.objects.public(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Diesen Newsletter gibt es nicht. Bitte wählen Sie aus der Liste."),
            "invalid_pk_value": _(
                "Diesen Newsletter gibt es nicht. Bitte wählen Sie aus der Liste."
            ),
        },
    )
    language = forms.ChoiceField(label=_("Sprache der E-Mails"), choices=language_choices)
    consent = forms.BooleanField(required=False)

    def __init__(self, *args, consent_text: ConsentText, subscribed_ids: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_text = consent_text
        self.subscribed_ids = subscribed_ids
        self.fields["consent"].label = consent_text.text
        self.fields["consent"].help_text = _("Nur nötig, wenn Sie einen Newsletter hinzufügen.")

    def clean(self):
        cleaned = super().clean()
        wanted = {n.pk for n in cleaned.get("newsletters") or []}
        if wanted - self.subscribed_ids and not cleaned.get("consent"):
            self.add_error(
                "consent",
                _("Für einen zusätzlichen Newsletter brauchen wir Ihre Einwilligung."),
            )
        return cleaned


class TestSendForm(forms.Form):
    """Admin: send an issue as a test to a few addresses."""

    emails = forms.CharField(
        label=_("Empfänger*innen"),
        help_text=_("Eine oder mehrere E-Mail-Adressen, durch Komma oder Zeilenumbruch getrennt."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    language = forms.ChoiceField(label=_("Sprache"), choices=language_choices)

    def clean_emails(self) -> list[str]:
        from django.core.validators import validate_email

        raw = self.cleaned_data["emails"].replace("\n", ",").replace(";", ",")
        emails = [e.strip() for e in raw.split(",") if e.strip()]
        if not emails or len(emails) > 20:
            raise forms.ValidationError(_("Bitte 1 bis 20 E-Mail-Adressen angeben."))
        for email in emails:
            validate_email(email)
        return emails


class ScheduleForm(forms.Form):
    scheduled_at = forms.DateTimeField(
        label=_("Versand am"),
        help_text=_("Datum und Uhrzeit (Europe/Berlin), z. B. 2026-12-01 09:00"),
    )

"""Forms of the partner search: the editors' profile form and the two public forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models import Language, PartnerRequest, SearchProfile
from partnerships.matchmaking.models.profiles import TEXT_MAX_LENGTH
from partnerships.matchmaking.models.requests import MESSAGE_MAX_LENGTH
from partnerships.models import Actor
from portal import languages
from portal.forms import HoneypotMixin
from portal.models import Theme
from portal.validators import validate_single_line

KIND_CHOICES = [
    (kind, label)
    for kind, label in Actor.Kind.choices
    if kind not in (Actor.Kind.REGION, Actor.Kind.OTHER)
]
LANGUAGES = languages.CODES

CONTACT_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass die Netzwerkstelle Städtepartnerschaften NRW "
    "(Auslandsgesellschaft.de e.V.) meine Nachricht mit meinem Namen, meiner Organisation und "
    "meiner E-Mail-Adresse an die Ansprechperson des Suchprofils weiterleitet. Ich kann die "
    "Einwilligung jederzeit widerrufen."
)
REQUEST_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass die Netzwerkstelle Städtepartnerschaften NRW "
    "(Auslandsgesellschaft.de e.V.) meine Angaben speichert, um einen Partner zu suchen, und "
    "sie dafür möglichen Partnern weitergibt, nachdem sie mich gefragt hat. Ich kann die "
    "Einwilligung jederzeit widerrufen."
)


def _text_widget():
    return forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX_LENGTH})


class SearchProfileForm(forms.ModelForm):
    """What editors fill in. The texts come in the three languages; at least one is needed,
    the editor's own language is shown first."""

    seeks_kinds = forms.MultipleChoiceField(
        label=_("Gesuchte Art des Partners"),
        choices=KIND_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Nichts gewählt: die passende Ebene (Stadt ↔ Hromada, Kreis ↔ Rajon, …)."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Arbeitssprachen"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = SearchProfile
        fields = [
            *SearchProfile.SOUGHT_FIELDS,
            "need_themes",
            "offer_themes",
            *(f"needs_{lang}" for lang in LANGUAGES),
            *(f"offers_{lang}" for lang in LANGUAGES),
            "languages",
            "staff_time",
            "decision_stage",
            "visibility",
            "contact_name",
            "contact_email",
            "contact_phone",
            "contact_language",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "horizons": forms.CheckboxSelectMultiple,
            "need_themes": forms.CheckboxSelectMultiple,
            "offer_themes": forms.CheckboxSelectMultiple,
            "visibility": forms.RadioSelect,
            **{f"needs_{lang}": _text_widget() for lang in LANGUAGES},
            **{f"offers_{lang}": _text_widget() for lang in LANGUAGES},
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, actor: Actor, language: str = "de", **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.language = language if language in LANGUAGES else LANGUAGES[0]
        other = "UA" if actor.country == "DE" else "DE"
        regions = Actor.objects.filter(
            country=other, kind__in=["gov_region", "oblast", "district", "raion"]
        ).order_by("kind", "name")
        for name in ("preferred_regions", "excluded_regions"):
            self.fields[name].queryset = regions
            self.fields[name].widget.attrs["size"] = 8
        names = dict(languages.CHOICES)
        for field, label in (("needs", _("Was wir suchen")), ("offers", _("Was wir bieten"))):
            for lang in LANGUAGES:
                self.fields[f"{field}_{lang}"].label = f"{label} ({names[lang]})"
        order = [language, *(lang for lang in LANGUAGES if lang != language)]
        texts = [f"{field}_{lang}" for field in ("needs", "offers") for lang in order]
        self.order_fields([*self.Meta.fields[:9], *texts])
        for name in ("contact_name", "contact_phone"):
            self.fields[name].validators.append(validate_single_line)
        self.fields["themes"].queryset = Theme.objects.all()

    def clean(self):
        data = super().clean()
        if not any(data.get(f"needs_{lang}") for lang in LANGUAGES):
            self.add_error(
                f"needs_{self.language}",
                _("Bitte beschreiben Sie in mindestens einer Sprache, was Sie suchen."),
            )
        minimum, maximum = data.get("min_population"), data.get("max_population")
        if minimum is not None and maximum is not None and minimum > maximum:
            self.add_error("max_population", _("Die Höchstzahl liegt unter der Mindestzahl."))
        preferred = set(data.get("preferred_regions") or [])
        if preferred & set(data.get("excluded_regions") or []):
            self.add_error(
                "excluded_regions",
                _("Eine Region kann nicht zugleich gewünscht und ausgeschlossen sein."),
            )
        return data


class ContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Ihr Name"),
        max_length=120,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    organisation = forms.CharField(
        label=_("Kommune oder Organisation"),
        max_length=200,
        required=False,
        validators=[validate_single_line],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    message = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("Wer Sie sind und was Sie sich vorstellen. Höchstens 3.000 Zeichen."),
    )
    consent = forms.BooleanField(
        label=CONTACT_CONSENT_TEXT,
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir die Nachricht nicht weiterleiten.")
        },
    )


class PartnerRequestForm(HoneypotMixin, forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    consent = forms.BooleanField(
        label=REQUEST_CONSENT_TEXT,
        error_messages={
            "required": _("Ohne Ihre Einwilligung können wir die Anfrage nicht bearbeiten.")
        },
    )

    class Meta:
        model = PartnerRequest
        fields = [
            "organisation",
            "organisation_kind",
            "country",
            "place",
            "seeks",
            "offers",
            "themes",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "country": forms.RadioSelect,
            "seeks": forms.Textarea(attrs={"rows": 5, "maxlength": TEXT_MAX_LENGTH}),
            "offers": forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        help_texts = {
            "seeks": _("Welchen Partner Sie suchen und wofür. Höchstens 2.000 Zeichen."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation_kind"].choices = KIND_CHOICES
        for name in ("organisation", "place", "contact_name", "contact_phone"):
            self.fields[name].validators.append(validate_single_line)

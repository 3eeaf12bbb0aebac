"""Forms of the Bedarfsbörse: the editors' item form (texts in three languages, the writer's
own first), the handover, the use report, the thread, following, and the public's message
through the Netzwerkstelle (the Partnersuche's contact form)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from partnerships.exchange.models import (
    QUANTITY_MAX,
    TEXT_MAX_LENGTH,
    Category,
    Item,
    Urgency,
    grouped_category_choices,
    registry_id_validator,
)
from partnerships.matchmaking.forms import ContactForm
from partnerships.models import Actor
from portal import languages
from portal.models import Horizon
from portal.uploads import UploadFormField, UploadsFormField

MAX_FILES_AT_ONCE = 10

EXCHANGE_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass die Netzwerkstelle Städtepartnerschaften NRW "
    "(Auslandsgesellschaft.de e.V.) meine Nachricht mit meinem Namen, meiner Organisation und "
    "meiner E-Mail-Adresse an die Verantwortlichen dieses Bedarfs oder Angebots weiterleitet. "
    "Ich kann die Einwilligung jederzeit widerrufen."
)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ItemForm(forms.Form):
    actor = forms.ModelChoiceField(label=_("Akteur"), queryset=Actor.objects.none())
    category = forms.ChoiceField(label=_("Kategorie"), choices=grouped_category_choices)
    horizon = forms.ModelChoiceField(
        label=_("Zeithorizont"), queryset=Horizon.objects.all(), empty_label=None
    )
    quantity = forms.IntegerField(label=_("Menge"), min_value=1, max_value=QUANTITY_MAX, initial=1)
    unit = forms.CharField(label=_("Einheit"), max_length=30, required=False)
    urgency = forms.TypedChoiceField(
        label=_("Dringlichkeit"), choices=Urgency.choices, coerce=int, initial=Urgency.NORMAL
    )
    needed_by = forms.DateField(
        label=_("gebraucht bis / verfügbar ab"), required=False, widget=_date_widget()
    )
    valid_until = forms.DateField(label=_("gültig bis"), widget=_date_widget())
    registry_id = forms.CharField(
        label=_("Kennung im nationalen Wiederaufbau-Register"),
        max_length=40,
        required=False,
        validators=[registry_id_validator],
    )
    photos = UploadsFormField(
        label=_("Fotos"), policy="image", required=False, max_files=MAX_FILES_AT_ONCE
    )
    photo_alt = forms.CharField(
        label=_("Bildbeschreibung der neuen Fotos (Alternativtext)"),
        max_length=200,
        required=False,
        help_text=_("Ohne Angabe gilt der Titel."),
    )
    documents = UploadsFormField(
        label=_("Dokumente (PDF)"), policy="document", required=False, max_files=MAX_FILES_AT_ONCE
    )
    publish = forms.BooleanField(label=_("gleich veröffentlichen"), required=False)

    def __init__(self, *args, actors, kind: str, language: str, item: Item | None = None, **kw):
        if item is not None and "initial" not in kw:
            kw["initial"] = {
                "actor": item.actor_id,
                "category": item.category,
                "horizon": item.horizon_id,
                "quantity": item.quantity,
                "unit": item.unit,
                "urgency": item.urgency,
                "needed_by": item.needed_by,
                "valid_until": item.valid_until,
                "registry_id": item.registry_id,
                **{
                    f"{field}_{code}": getattr(item, f"{field}_{code}")
                    for field in ("title", "description")
                    for code in languages.CODES
                },
            }
        super().__init__(*args, **kw)
        self.kind = kind
        self.fields["actor"].queryset = actors
        if item is None and actors.count() == 1:
            self.fields["actor"].initial = actors.first().pk
        order = [language, *(c for c in languages.CODES if c != language)]
        names = dict(languages.CHOICES)
        for code in order:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Titel (%(language)s)") % {"language": names[code]},
                max_length=160,
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Beschreibung und Spezifikation (%(language)s)")
                % {"language": names[code]},
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4, "maxlength": TEXT_MAX_LENGTH}),
            )
        text_fields = [f"{f}_{c}" for c in order for f in ("title", "description")]
        rest = [name for name in self.fields if name not in text_fields and name != "actor"]
        self.order_fields(["actor", *text_fields, *rest])
        if item is None:
            self.fields["valid_until"].initial = timezone.localdate() + timezone.timedelta(days=90)

    def clean(self):
        data = super().clean()
        if not any(data.get(f"title_{code}") for code in languages.CODES):
            self.add_error(None, _("Bitte einen Titel in mindestens einer Sprache angeben."))
        if data.get("category") != Category.RECONSTRUCTION and data.get("registry_id"):
            self.add_error("registry_id", _("Die Kennung gibt es nur für Wiederaufbauprojekte."))
        return data

    def texts(self, field: str) -> dict[str, str]:
        return {code: self.cleaned_data.get(f"{field}_{code}", "") for code in languages.CODES}


class HandoverForm(forms.Form):
    handed_over_on = forms.DateField(label=_("Übergabe am"), widget=_date_widget())
    people = forms.CharField(
        label=_("Wer hat übergeben und wer empfangen?"),
        max_length=300,
        help_text=_("Funktionen genügen, z. B. „Feuerwehr Billerbeck an Bürgermeister Malyn“."),
    )
    note = forms.CharField(
        label=_("Anmerkung"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    protocol = UploadFormField(
        label=_("unterschriebenes Übergabeprotokoll (PDF)"), policy="document", required=False
    )
    photos = UploadsFormField(
        label=_("Fotos der Übergabe"), policy="image", required=False, max_files=MAX_FILES_AT_ONCE
    )

    def clean(self):
        data = super().clean()
        if not data.get("protocol") and not data.get("photos") and not self.errors:
            self.add_error(None, _("Bitte ein Übergabeprotokoll oder ein Foto anhängen."))
        return data


class UseReportForm(forms.Form):
    report = forms.CharField(
        label=_("Wie wird die Hilfe verwendet?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Nachricht"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 3000}),
    )


class FollowForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("Kategorien"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    kinds = forms.MultipleChoiceField(
        label=_("Bedarfe und/oder Angebote"),
        choices=Item.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regionen"),
        queryset=Actor.objects.filter(kind__in=["oblast", "gov_region"]).order_by("name"),
        required=False,
    )
    enabled = forms.BooleanField(
        label=_("Einmal am Tag eine E-Mail mit neuen passenden Einträgen"), required=False
    )


class ExchangeContactForm(ContactForm):
    """The Partnersuche's contact form, with the consent naming this item's owners."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = EXCHANGE_CONSENT_TEXT

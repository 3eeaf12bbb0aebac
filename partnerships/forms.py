"""Forms of the editors' area ("Mein Bereich"). Content can be written in de, uk or en."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Actor,
    Document,
    Image,
    Milestone,
    Partnership,
    Project,
)
from partnerships.places import place_resolve, places_matching
from partnerships.places.labels import place_label
from portal import languages
from portal.validators import validate_single_line


class SingleLineMixin:
    single_line_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.single_line_fields:
            if name in self.fields:
                self.fields[name].validators.append(validate_single_line)


class ActorEditForm(SingleLineMixin, forms.ModelForm):
    single_line_fields = ("contact_name", "contact_phone")

    class Meta:
        model = Actor
        fields = [
            *languages.columns("description"),
            "aliases",
            "website",
            "logo",
            "contact_name",
            "contact_email",
            "contact_phone",
            "idp_count",
            "wikidata_id",
        ]
        widgets = {
            **{
                column: forms.Textarea(attrs={"rows": 6})
                for column in languages.columns("description")
            },
            "aliases": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {
            "description_de": _("Beschreibung (Deutsch)"),
            "description_uk": _("Beschreibung (Ukrainisch)"),
            "description_en": _("Beschreibung (Englisch)"),
        }


def portrait_form_class(lang: str) -> type[forms.ModelForm]:
    """The portrait form for one content language (title and the question-list answers)."""
    lang = languages.known(lang)
    text_fields = [f"title_{lang}", *(f"{f}_{lang}" for f in Partnership.PORTRAIT_FIELDS)]

    class PortraitForm(SingleLineMixin, forms.ModelForm):
        single_line_fields = (f"title_{lang}", "end_condition")

        class Meta:
            model = Partnership
            fields = [
                *text_fields,
                "status",
                "since",
                "since_precision",
                "end_condition",
                "horizons",
                "themes",
            ]
            widgets = {
                "since": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                "horizons": forms.CheckboxSelectMultiple,
                "themes": forms.CheckboxSelectMultiple,
                **{
                    f"{f}_{lang}": forms.Textarea(attrs={"rows": 5})
                    for f in Partnership.PORTRAIT_FIELDS
                },
            }
            help_texts = {
                f"{f}_{lang}": _("Markdown ist erlaubt (z. B. **fett**, Listen, Links).")
                for f in Partnership.PORTRAIT_FIELDS
            }

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if lang == languages.SOURCE:
                self.fields[f"title_{lang}"].required = True

    return PortraitForm


def item_form_class(kind: str, lang: str) -> type[forms.ModelForm]:
    lang = languages.known(lang)
    date_widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    if kind == "milestone":
        model, fields = Milestone, ["date", "precision", f"title_{lang}", f"description_{lang}"]
        widgets = {"date": date_widget}
        required = [f"title_{lang}"]
        single = (f"title_{lang}",)
    elif kind == "project":
        model = Project
        fields = [
            f"title_{lang}",
            "starts_on",
            "ends_on",
            "horizon",
            "funding_source",
            f"description_{lang}",
        ]
        widgets = {"starts_on": date_widget, "ends_on": date_widget}
        required = [f"title_{lang}"]
        single = (f"title_{lang}", "funding_source")
    elif kind == "image":
        model, fields = Image, ["file", f"alt_text_{lang}", f"caption_{lang}", "credit", "position"]
        widgets = {}  # the upload policy sets the file input's ``accept``
        required = [f"alt_text_{lang}"]
        single = (f"alt_text_{lang}", f"caption_{lang}", "credit")
    elif kind == "document":
        model, fields = Document, ["kind", "title", "file"]
        widgets = {}
        required = []
        single = ("title",)
    else:
        raise ValueError(kind)

    base = forms.models.modelform_factory(model, fields=fields, widgets=widgets)

    class ItemForm(SingleLineMixin, base):
        single_line_fields = single

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            for name in required:
                self.fields[name].required = True

    return ItemForm


ITEM_KINDS = {
    "meilenstein": "milestone",
    "projekt": "project",
    "bild": "image",
    "dokument": "document",
}


class ProposalForm(forms.Form):
    own_actor = forms.ModelChoiceField(label=_("Ihre Organisation"), queryset=Actor.objects.none())
    partner = forms.CharField(
        label=_("Partner"),
        max_length=200,
        validators=[validate_single_line],
        help_text=_(
            "Name in jeder üblichen Schreibweise (z. B. „Saporischschja“, „Запоріжжя“) oder "
            "amtlicher Schlüssel; Vorschläge erscheinen beim Tippen."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "data-place-picker": ""}),
    )
    partner_choice = forms.TypedChoiceField(
        label=_("Welcher Ort ist gemeint?"),
        coerce=int,
        required=False,
        choices=[],
        widget=forms.HiddenInput,
    )
    partner_country = forms.CharField(
        label=_("Land des Partners (ISO-Code)"),
        max_length=2,
        initial="UA",
        help_text=_("Zwei Buchstaben, z. B. UA, PL."),
    )
    kind = forms.ChoiceField(label=_("Art"), choices=Partnership.Kind.choices)
    summary = forms.CharField(
        label=_("Worum geht es?"), widget=forms.Textarea(attrs={"rows": 4}), max_length=1000
    )

    CANDIDATES = 8

    def __init__(self, *args, actors=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["own_actor"].queryset = actors if actors is not None else Actor.objects.none()
        self.fields["partner"].widget.attrs["data-place-picker"] = reverse(
            "partnerships:place_candidates"
        )
        # The picker's script sets the chosen candidate's id; without the script the
        # candidates are offered as a list after submitting (see ``clean``).
        chosen = self.data.get(self.add_prefix("partner_choice")) if self.is_bound else None
        if chosen and str(chosen).isdigit():
            self.fields["partner_choice"].choices = [(int(chosen), chosen)]

    def clean_partner_country(self) -> str:
        from partnerships.validators import validate_country_code

        value = self.cleaned_data["partner_country"].strip().upper()
        validate_country_code(value)
        return value

    def _offer(self, matches) -> None:
        field = self.fields["partner_choice"]
        field.choices = [(m.actor.pk, place_label(m.actor)) for m in matches]
        field.widget = forms.RadioSelect(choices=field.choices)

    def clean(self):
        data = super().clean()
        name = (data.get("partner") or "").strip()
        country = data.get("partner_country")
        if not name or not country:
            return data
        matches = places_matching(name, country=country, limit=self.CANDIDATES, prefix=True)
        chosen = data.get("partner_choice")
        partner = None
        if chosen:
            partner = Actor.objects.filter(pk=chosen, country=country).first()
        if partner is None:
            partner = place_resolve(name, country=country)
        if partner is None and not matches:
            self.add_error(
                "partner",
                _(
                    "Kein Akteur „%(name)s“ in diesem Land gefunden. Bitte prüfen Sie die "
                    "Schreibweise oder schreiben Sie uns – wir legen ihn an."
                )
                % {"name": name},
            )
        elif partner is None:
            self._offer(matches)
            self.add_error(
                "partner_choice",
                _("Mehrere Treffer – bitte wählen Sie den gemeinten Ort aus der Liste."),
            )
        else:
            data["partner_actor"] = partner
            if data.get("own_actor") == partner:
                self.add_error(
                    "partner", _("Eine Partnerschaft braucht zwei verschiedene Partner.")
                )
        return data


class AccessRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Ihre Funktion und kurze Begründung"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )

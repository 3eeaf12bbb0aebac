"""Editors' best-practice submission form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from portal import languages
from portal.models import Horizon, Theme
from portal.uploads import UploadFormField
from portal.validators import validate_single_line


class BestPracticeForm(forms.Form):
    partnership = forms.ModelChoiceField(
        label=_("Partnerschaft"),
        queryset=None,
        help_text=_("Die Partnerschaft, aus der Sie berichten."),
    )
    title = forms.CharField(label=_("Titel"), max_length=200, validators=[validate_single_line])
    summary = forms.CharField(
        label=_("Kurzfassung"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Zwei, drei Sätze: Was haben Sie gemacht, was können andere übernehmen?"),
    )
    body = forms.CharField(
        label=_("Beschreibung"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown ist möglich: **fett**, Listen mit „-“, Überschriften mit „##“."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    horizons = forms.ModelMultipleChoiceField(
        label=_("Zeithorizonte"),
        queryset=Horizon.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Sprache des Textes"), choices=languages.CHOICES)
    attachment = UploadFormField(policy="attachment", label=_("Datei (optional)"), required=False)

    def __init__(self, *args, partnerships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnerships

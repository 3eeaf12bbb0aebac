from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from partnerships.matchmaking import selectors, services
from partnerships.matchmaking.models import SearchProfile, SuggestionWeights


class WeightsForm(forms.ModelForm):
    preview_profile = forms.ModelChoiceField(
        label=_("Vorschau für das Suchprofil"),
        queryset=SearchProfile.objects.none(),
        required=False,
    )

    class Meta:
        model = SuggestionWeights
        fields = SuggestionWeights.FACTORS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preview_profile"].queryset = (
            SearchProfile.objects.active().select_related("actor").order_by("actor__name", "pk")
        )
        for name in SuggestionWeights.FACTORS:
            field = self.fields[name]
            field.widget.attrs.update({"min": -20, "max": 20, "step": "0.1"})
            field.validators.append(_range_validator)


def _range_validator(value):
    if value is not None and not -20 <= value <= 20:
        raise forms.ValidationError(_("Bitte ein Gewicht zwischen -20 und 20 eingeben."))


@admin.register(SuggestionWeights)
class SuggestionWeightsAdmin(SimpleHistoryAdmin):
    """One row; the change page is a form with a preview of the effect before saving."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        return redirect("admin:matchmaking_suggestionweights_edit")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return redirect("admin:matchmaking_suggestionweights_edit")

    def get_urls(self):
        return [
            path(
                "bearbeiten/",
                self.admin_site.admin_view(self.edit_view),
                name="matchmaking_suggestionweights_edit",
            ),
            *super().get_urls(),
        ]

    def edit_view(self, request):
        weights = SuggestionWeights.current()
        if not self.has_view_permission(request, weights):
            raise PermissionDenied
        can_change = self.has_change_permission(request, weights)
        form = WeightsForm(request.POST or None, instance=weights)
        preview, status = None, 200
        if request.method == "POST":
            if not can_change:
                raise PermissionDenied
            if not form.is_valid():
                status = 400
            elif "_save" in request.POST:
                services.suggestion_weights_update(
                    by=request.user, **{n: form.cleaned_data[n] for n in SuggestionWeights.FACTORS}
                )
                messages.success(request, _("Die Gewichtung ist gespeichert."))
                return redirect("admin:matchmaking_suggestionweights_edit")
            elif form.cleaned_data["preview_profile"] is None:
                form.add_error(
                    "preview_profile", _("Bitte ein Suchprofil für die Vorschau wählen.")
                )
                status = 400
            else:
                preview = selectors.weights_preview(
                    profile=form.cleaned_data["preview_profile"],
                    current=SuggestionWeights.current().as_dict(),
                    edited={n: form.cleaned_data[n] for n in SuggestionWeights.FACTORS},
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Gewichtung der Vorschläge"),
            "form": form,
            "preview": preview,
            "can_change": can_change,
            "weights": weights,
            "history_url": reverse(
                "admin:matchmaking_suggestionweights_history", args=[weights.pk]
            ),
        }
        return TemplateResponse(request, "admin/matchmaking/weights.html", context, status=status)

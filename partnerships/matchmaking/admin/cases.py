"""Matchmaking cases in the admin: the overview of open cases by state (count and age), and
each case's workflow — shortlist from the suggestions, introduce, move on, close."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking import selectors, services
from partnerships.matchmaking.models import (
    CaseCandidate,
    CaseEvent,
    CloseReason,
    IntroductionAnswer,
    MatchCase,
)
from partnerships.models import Actor, Partnership
from portal import languages


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CandidateInline(ReadOnlyInline):
    model = CaseCandidate
    fields = ["actor", "note", "score", "added_by", "added_at"]
    readonly_fields = fields


class AnswerInline(ReadOnlyInline):
    model = IntroductionAnswer
    fields = ["side", "actor", "name", "email", "language", "answer", "answered_at"]
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = CaseEvent
    fields = ["created_at", "kind", "from_state", "to_state", "note", "user"]
    readonly_fields = fields


class ShortlistForm(forms.Form):
    candidates = forms.ModelMultipleChoiceField(
        label=_("Kandidaten"), queryset=Actor.objects.all(), widget=forms.MultipleHiddenInput
    )
    note = forms.CharField(label=_("Warum diese Kandidaten?"), max_length=500, required=False)


class IntroduceForm(forms.Form):
    candidate = forms.ModelChoiceField(label=_("Kandidat"), queryset=Actor.objects.none())
    name = forms.CharField(label=_("Ansprechperson beim Kandidaten"), max_length=120)
    email = forms.EmailField(label=_("E-Mail der Ansprechperson"))
    language = forms.ChoiceField(
        label=_("Sprache der Ansprechperson"),
        choices=languages.CHOICES,
    )
    note = forms.CharField(label=_("Notiz"), max_length=2000, required=False)

    def __init__(self, *args, case: MatchCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidate"].queryset = Actor.objects.filter(
            pk__in=case.candidates.values("actor_id")
        )


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("neuer Stand"))
    note = forms.CharField(
        label=_("Notiz"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    close_reason = forms.ChoiceField(
        label=_("Grund des Abschlusses"),
        choices=[("", "—"), *CloseReason.choices],
        required=False,
    )
    partnership_kind = forms.ChoiceField(
        label=_("Art der förmlichen Partnerschaft"),
        choices=[
            ("", "—"),
            *[(k, v) for k, v in Partnership.Kind.choices if k in services.FORMAL_KINDS],
        ],
        required=False,
    )

    def __init__(self, *args, case: MatchCase, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_state"].choices = [
            (state, state.label) for state in case.allowed_transitions()
        ]


@admin.register(MatchCase)
class MatchCaseAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "state",
        "days_in_state",
        "actor",
        "partner",
        "staff_owner",
        "created_at",
    ]
    list_filter = ["state", "close_reason", "staff_owner"]
    search_fields = ["actor__name", "partner__name"]
    list_select_related = ["actor", "partner", "staff_owner"]
    fields = [
        "actor",
        "profile",
        "state",
        "state_changed_at",
        "partner",
        "partnership",
        "close_reason",
        "staff_owner",
        "reminder_sent_at",
        "created_at",
    ]
    readonly_fields = [f for f in fields if f != "staff_owner"]
    inlines = [CandidateInline, AnswerInline, EventInline]
    change_form_template = "admin/matchmaking/matchcase/change_form.html"
    change_list_template = "admin/matchmaking/matchcase/change_list.html"

    def has_add_permission(self, request):
        return False  # cases start from a profile ("Anbahnung anlegen") or a request

    @admin.display(description=_("Tage im Stand"), ordering="state_changed_at")
    def days_in_state(self, obj):
        return obj.days_in_state

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "overview": selectors.open_cases_overview()}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        case = get_object_or_404(MatchCase, pk=object_id)
        extra_context = {
            **(extra_context or {}),
            "transition_form": TransitionForm(case=case),
            "introduce_form": IntroduceForm(case=case),
            "case": case,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/auswahl/", view(self.shortlist_view), name="matchmaking_case_shortlist"),
            path(
                "<int:pk>/vorstellen/", view(self.introduce_view), name="matchmaking_case_introduce"
            ),
            path("<int:pk>/stand/", view(self.transition_view), name="matchmaking_case_transition"),
            *super().get_urls(),
        ]

    def _case(self, request, pk: int) -> MatchCase:
        case = get_object_or_404(MatchCase.objects.select_related("actor", "profile"), pk=pk)
        if not self.has_change_permission(request, case):
            raise PermissionDenied
        return case

    def _back(self, case):
        return redirect(reverse("admin:matchmaking_matchcase_change", args=[case.pk]))

    def _context(self, request, **extra):
        return {**self.admin_site.each_context(request), "opts": self.model._meta, **extra}

    def _suggestions(self, case):
        if case.profile_id:
            return selectors.profile_suggestions(profile=case.profile, staff=True, limit=30)
        return selectors.actor_suggestions(actor=case.actor, limit=30)

    def shortlist_view(self, request, pk: int):
        case = self._case(request, pk)
        suggestions = self._suggestions(case)
        status = 200
        if request.method == "POST":
            form = ShortlistForm(request.POST)
            if form.is_valid():
                try:
                    services.case_shortlist(
                        case=case,
                        candidates=[
                            (a, form.cleaned_data["note"]) for a in form.cleaned_data["candidates"]
                        ],
                        by=request.user,
                        suggestions=suggestions,
                    )
                except ValidationError as exc:
                    messages.error(request, " ".join(exc.messages))
                    status = 400
                else:
                    messages.success(request, _("Die Auswahlliste ist gespeichert."))
                    return self._back(case)
            else:
                messages.error(request, _("Bitte wählen Sie mindestens einen Kandidaten."))
                status = 400
        return TemplateResponse(
            request,
            "admin/matchmaking/matchcase/shortlist.html",
            self._context(
                request,
                title=_("Kandidaten auswählen: %(case)s") % {"case": case},
                case=case,
                actor=case.actor,
                profile=case.profile,
                suggestions=suggestions,
                select_name="candidates",
                note=request.POST.get("note", ""),
            ),
            status=status,
        )

    def introduce_view(self, request, pk: int):
        case = self._case(request, pk)
        initial = {}
        candidate_id = request.GET.get("candidate")
        if candidate_id and candidate_id.isdigit():
            initial = {
                "candidate": candidate_id,
                **selectors.candidate_contact(actor_id=int(candidate_id)),
            }
        form = IntroduceForm(request.POST or None, case=case, initial=initial)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                data = form.cleaned_data
                try:
                    services.case_introduce(
                        case=case,
                        candidate=data["candidate"],
                        partner_contact={
                            "name": data["name"],
                            "email": data["email"],
                            "language": data["language"],
                        },
                        note=data["note"],
                        by=request.user,
                    )
                except ValidationError as exc:
                    form.add_error(None, list(exc.messages))
                else:
                    messages.success(
                        request, _("Die Vorstellung geht an beide Seiten, jede in ihrer Sprache.")
                    )
                    return self._back(case)
            status = 400
        return TemplateResponse(
            request,
            "admin/matchmaking/matchcase/introduce.html",
            self._context(
                request, title=_("Vorstellen: %(case)s") % {"case": case}, case=case, form=form
            ),
            status=status,
        )

    def transition_view(self, request, pk: int):
        case = self._case(request, pk)
        if request.method != "POST":
            return self._back(case)
        form = TransitionForm(request.POST, case=case)
        if not form.is_valid():
            messages.error(request, _("Dieser Schritt ist im jetzigen Stand nicht möglich."))
            return self._back(case)
        data = form.cleaned_data
        try:
            services.case_transition(
                case=case,
                to_state=data["to_state"],
                by=request.user,
                note=data["note"],
                close_reason=data["close_reason"],
                partnership_kind=data["partnership_kind"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Der Stand ist geändert."))
        return self._back(case)

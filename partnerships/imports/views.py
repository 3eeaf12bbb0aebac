"""The admin's import steps: upload → map columns → dry run with diff and choices → import.

Wired into the partnership admin (``PartnershipAdmin.get_urls``); thin: the rules are in
``services`` and ``mapping``."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships.imports import mapping as mappings
from partnerships.imports.models import ImportRun
from partnerships.imports.services import decode, import_text, read_rows, xlsx_to_csv

MAX_BYTES = 5 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Datei (CSV in UTF-8 oder Excel .xlsx)"))
    source = forms.CharField(
        label=gettext_lazy("Quelle"),
        max_length=500,
        help_text=gettext_lazy(
            "Adresse (URL) oder Dokument, aus dem die Liste stammt; wird zu jeder "
            "übernommenen Angabe gespeichert."
        ),
    )
    source_date = forms.DateField(
        label=gettext_lazy("Stand der Quelle"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(_("Die Datei ist größer als 5 MB."))
        data = upload.read()
        text = xlsx_to_csv(data) if upload.name.lower().endswith(".xlsx") else decode(data)
        header, _rows = read_rows(text)
        if not any(header):
            raise ValidationError(_("Die Datei hat keine Kopfzeile."))
        self.cleaned_data["text"], self.cleaned_data["header"] = text, header
        return upload


class MappingForm(forms.Form):
    def __init__(self, *args, header: list[str], initial_mapping: dict, samples: dict, **kw):
        super().__init__(*args, **kw)
        self.header = header
        choices = [(k, v) for k, v in mappings.FIELDS.items()]
        for i, column in enumerate(header):
            example = ", ".join(s for s in samples.get(column, []) if s)[:80]
            self.fields[f"col_{i}"] = forms.ChoiceField(
                label=column or f"({i + 1})",
                choices=choices,
                required=False,
                initial=initial_mapping.get(column, ""),
                help_text=_("z. B. %(values)s") % {"values": example} if example else "",
            )

    def clean(self):
        cleaned = super().clean()
        seen: dict[str, str] = {}
        for i, column in enumerate(self.header):
            target = cleaned.get(f"col_{i}") or ""
            if target and target in seen:
                raise ValidationError(
                    _("„%(field)s“ ist zwei Spalten zugeordnet (%(a)s, %(b)s).")
                    % {"field": mappings.FIELDS[target], "a": seen[target], "b": column}
                )
            if target:
                seen[target] = column
        return cleaned

    def mapping(self) -> dict[str, str]:
        return {c: self.cleaned_data.get(f"col_{i}") or "" for i, c in enumerate(self.header)}


def _check(modeladmin, request):
    if not (modeladmin.has_add_permission(request) and modeladmin.has_change_permission(request)):
        raise PermissionDenied


def _context(modeladmin, request, **extra):
    return {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        **extra,
    }


def upload_view(modeladmin, request):
    _check(modeladmin, request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        header = form.cleaned_data["header"]
        mapping, _remembered = mappings.mapping_for(header)
        run = ImportRun.objects.create(
            file_name=form.cleaned_data["file"].name[:250],
            text=form.cleaned_data["text"],
            header=header,
            mapping=mapping,
            source=form.cleaned_data["source"],
            source_date=form.cleaned_data["source_date"],
            created_by=request.user,
        )
        return redirect(reverse("admin:partnerships_partnership_import_run", args=[run.pk]))
    return render(
        request,
        "admin/imports/upload.html",
        _context(
            modeladmin,
            request,
            title=_("Partnerschaften importieren"),
            form=form,
            runs=ImportRun.objects.order_by("-created_at")[:10],
        ),
    )


def _samples(run: ImportRun) -> dict[str, list[str]]:
    _header, rows = read_rows(run.text)
    return {
        column: [r[i].strip() for r in rows[:3] if i < len(r)]
        for i, column in enumerate(run.header)
    }


def run_view(modeladmin, request, run_id: int):
    """Mapping (GET) and, once the mapping is sent, the dry run with its diff (POST)."""
    _check(modeladmin, request)
    run = get_object_or_404(ImportRun, pk=run_id)
    remembered = mappings.remembered(run.header) is not None
    form = MappingForm(
        request.POST or None,
        header=run.header,
        initial_mapping=run.mapping,
        samples=_samples(run),
    )
    plan = None
    if request.method == "POST" and form.is_valid():
        run.mapping = form.mapping()
        run.state = ImportRun.State.CHECKED
        run.save(update_fields=["mapping", "state"])
        mappings.mapping_remember(header=run.header, mapping=run.mapping, by=request.user)
        remembered = True
        plan = import_text(text=run.text, mapping=run.mapping, source=run.source)
    return _render_run(modeladmin, request, run, form, plan, remembered)


def _render_run(modeladmin, request, run, form, plan, remembered, applied=False):
    from partnerships.imports.services import outcome_labels

    return render(
        request,
        "admin/imports/run.html",
        _context(
            modeladmin,
            request,
            title=_("Import: %(name)s") % {"name": run.file_name},
            run=run,
            form=form,
            plan=plan,
            remembered=remembered,
            applied=applied,
            counts=[(c, label, plan.count(c)) for c, label in outcome_labels().items()]
            if plan
            else [],
            shown_rows=[r for r in plan.rows if r.outcome != "unchanged" or r.warnings or r.changes]
            if plan
            else [],
        ),
    )


def apply_view(modeladmin, request, run_id: int):
    """Import with the choices ticked in the dry run (re-checked against today's register)."""
    _check(modeladmin, request)
    run = get_object_or_404(ImportRun, pk=run_id)
    if request.method != "POST":
        return redirect(reverse("admin:partnerships_partnership_import_run", args=[run.pk]))
    if run.state == ImportRun.State.IMPORTED:
        raise PermissionDenied(_("Diese Datei ist bereits importiert."))
    taken = set(request.POST.getlist("take"))
    declined = set(request.POST.getlist("proposed")) - set(request.POST.getlist("actor"))
    plan = import_text(
        text=run.text,
        mapping=run.mapping,
        source=run.source,
        source_date=run.source_date,
        dry_run=False,
        taken=taken,
        declined_actors=declined,
        run=run,
        by=request.user,
    )
    form = MappingForm(header=run.header, initial_mapping=run.mapping, samples=_samples(run))
    return _render_run(modeladmin, request, run, form, plan, True, applied=plan.saved)

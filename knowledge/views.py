"""Public pages of the library: list + search, resource pages, downloads, funding guide,
PDF guides and the cross-app search."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from events import selectors as event_selectors
from knowledge import permissions, selectors, services
from knowledge.filters import FundingFilter, ResourceFilter
from knowledge.forms import BestPracticeForm
from knowledge.models import FundingProgram, Guide, Resource, ResourceFile
from knowledge.search import parse_query, render_snippet, synonyms_of
from partnerships import selectors as partnership_selectors
from portal import languages
from portal.page_cache import PAGE_NUMBER, cached_for_visitors
from portal.uploads import stored_file_response

PAGE_SIZE = 20


@cached_for_visitors(params={"page": PAGE_NUMBER})
def resource_list(request):
    parsed = parse_query(request.GET.get("q"))
    filterset = ResourceFilter(request.GET, queryset=selectors.resource_list(parsed=parsed))
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    for resource in page.object_list:
        resource.snippet = render_snippet(getattr(resource, "snippet_raw", None))
    query_params = request.GET.copy()
    query_params.pop("page", None)
    return render(
        request,
        "knowledge/resource_list.html",
        {
            "filterset": filterset,
            "page": page,
            "parsed": parsed,
            "query": parsed.raw,
            "query_string": query_params.urlencode(),
            "guides": selectors.guides_published(),
            "can_submit": permissions.can_submit_best_practice(request.user),
        },
    )


def _visible_resource(request, slug: str) -> Resource:
    if permissions.can_view_unpublished_resources(request.user):
        queryset = Resource.objects.all()
    else:
        queryset = Resource.objects.published()
    return get_object_or_404(
        queryset.select_related("current_file").prefetch_related(
            "themes", "horizons", "countries", "target_groups"
        ),
        slug=slug,
    )


@cached_for_visitors()
def resource_detail(request, slug: str):
    resource = _visible_resource(request, slug)
    versions = list(resource.files.order_by("-version")) if resource.current_file_id else []
    return render(
        request,
        "knowledge/resource_detail.html",
        {
            "resource": resource,
            "versions": versions,
            "related": selectors.related_resources(resource=resource),
            **selectors.resource_links(resource=resource),
        },
    )


def _file_response(resource_file: ResourceFile):
    # The download URL stays the same when the file is replaced: caches must ask again.
    return stored_file_response(
        name=resource_file.file.name,
        download_name=resource_file.original_name,
        cache_control="no-cache",
    )


def resource_download(request, slug: str):
    """The stable public URL of a resource's attachment: always the current version."""
    resource = _visible_resource(request, slug)
    if resource.current_file is None:
        raise Http404(_("Zu diesem Eintrag gibt es keine Datei."))
    return _file_response(resource.current_file)


def resource_download_version(request, slug: str, version: int):
    resource = _visible_resource(request, slug)
    resource_file = get_object_or_404(ResourceFile, resource=resource, version=version)
    return _file_response(resource_file)


@cached_for_visitors()
def funding(request):
    filterset = FundingFilter(request.GET, queryset=FundingProgram.objects.published())
    open_now = False
    if filterset.is_valid():
        open_now = bool(filterset.form.cleaned_data.get("open_now"))
    rows = selectors.funding_programs(queryset=filterset.qs, open_now=open_now)
    return render(
        request,
        "knowledge/funding.html",
        {"filterset": filterset, "rows": rows, "open_now": open_now},
    )


def _visible_guides(request):
    if permissions.can_view_unpublished_guides(request.user):
        return Guide.objects.all()
    return selectors.guides_published()


@cached_for_visitors()
def guide_detail(request, slug: str):
    guide = get_object_or_404(_visible_guides(request), slug=slug)
    sections = guide.sections.select_related("resource").order_by("position", "id")
    return render(request, "knowledge/guide_detail.html", {"guide": guide, "sections": sections})


def guide_pdf(request, slug: str):
    """The stable public URL of a guide's PDF: the last completely rendered file in the
    guide's own language; in another language the PDF rendered for it (its text where it
    exists, else the German text with a note), queued when missing."""
    guide = get_object_or_404(_visible_guides(request), slug=slug)
    language = languages.active()
    if language != guide.language:
        return _guide_language_pdf(request, guide=guide, language=language)
    if not guide.pdf_file:
        raise Http404(_("Das PDF dieses Leitfadens ist noch nicht erzeugt."))
    try:
        handle = guide.pdf_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404(_("Das PDF dieses Leitfadens ist noch nicht erzeugt.")) from exc
    response = FileResponse(handle, content_type="application/pdf", filename=f"{guide.slug}.pdf")
    response["Cache-Control"] = "no-cache"
    return response


def _guide_language_pdf(request, *, guide, language: str):
    from django.core.files.storage import default_storage

    from knowledge.guides import guide_language_pdf_path
    from knowledge.tasks import render_guide_language_pdf

    path, _html = guide_language_pdf_path(guide=guide, language=language)
    if not default_storage.exists(path):
        render_guide_language_pdf.delay(guide.pk, language)
    if default_storage.exists(path):  # eager mode, or a worker was quick
        response = FileResponse(
            default_storage.open(path, "rb"),
            content_type="application/pdf",
            filename=f"{guide.slug}-{language}.pdf",
        )
        response["Cache-Control"] = "no-cache"
        return response
    response = render(request, "knowledge/guide_pdf_pending.html", {"guide": guide}, status=202)
    response["Retry-After"] = "5"
    return response


SEARCH_SOURCES = [
    ("partnerships", partnership_selectors.search_items),
    ("events", event_selectors.search_items),
    ("library", selectors.search_items),
    ("funding", selectors.funding_search_items),
]
SEARCH_LIMIT = 10


def search(request):
    """One search box across partnerships, events and the library, grouped by type."""
    parsed = parse_query(request.GET.get("q"))
    groups = []
    submitted = "q" in request.GET
    if not parsed.is_empty:
        titles = {
            "partnerships": _("Partnerschaften"),
            "events": _("Veranstaltungen"),
            "library": _("Wissensbibliothek"),
            "funding": _("Förderprogramme"),
        }
        alternatives = sorted(synonyms_of(parsed.raw))
        for key, search_items in SEARCH_SOURCES:
            groups.append(
                {
                    "key": key,
                    "title": titles[key],
                    "items": search_items(
                        query=parsed.raw, limit=SEARCH_LIMIT, alternatives=alternatives
                    ),
                }
            )
    return render(
        request,
        "knowledge/search.html",
        {
            "parsed": parsed,
            "query": parsed.raw,
            "groups": groups,
            "submitted": submitted,
            "total": sum(len(g["items"]) for g in groups),
        },
    )


@login_required
def best_practice_submit(request):
    """Editors propose a best practice from one of their partnerships (→ in review)."""
    if not permissions.can_submit_best_practice(request.user):
        raise PermissionDenied
    partnerships = permissions.submittable_partnerships(request.user)
    form = BestPracticeForm(request.POST or None, request.FILES or None, partnerships=partnerships)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.best_practice_submit(
            user=request.user,
            partnership=data["partnership"],
            title=data["title"],
            summary=data["summary"],
            body=data["body"],
            language=data["language"],
            themes=data["themes"],
            horizons=data["horizons"],
            uploaded=data.get("attachment"),
        )
        messages.success(
            request,
            _(
                "Danke! Ihr Beitrag ist eingegangen und wird von der Netzwerkstelle geprüft, "
                "bevor er erscheint."
            ),
        )
        return redirect("knowledge:submit")
    submissions = Resource.objects.filter(submitted_by=request.user).order_by("-created_at")
    return render(
        request,
        "knowledge/submit.html",
        {"form": form, "submissions": submissions[:50]},
    )

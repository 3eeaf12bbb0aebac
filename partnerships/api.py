"""Map data and open-data downloads (no language prefix; ``?lang=uk`` for other languages)."""

from __future__ import annotations

import gzip
from decimal import Decimal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_GET

from partnerships import opendata
from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership
from portal import languages


class InvalidFilter(Exception):
    def __init__(self, errors):
        super().__init__("invalid filter")
        self.errors = errors


def _language(request: HttpRequest) -> str:
    return languages.known(request.GET.get("lang"))


def _cache_params(filterset: PartnershipFilter) -> str:
    """The cache key's part for a valid filter: its cleaned values only, in one spelling.
    Unknown parameters (``?x=<random>``) and empty ones change nothing, so they can neither
    fill the cache nor bypass it."""
    parts = []
    for name, value in sorted(filterset.form.cleaned_data.items()):
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list | tuple):
            value = ",".join(sorted(str(v) for v in value))
        elif isinstance(value, Decimal):
            value = int(value) if value == value.to_integral_value() else value
        value = getattr(value, "pk", value)
        parts.append(f"{name}={value}")
    return "&".join(parts)


def _valid_filter(request: HttpRequest) -> PartnershipFilter:
    filterset = PartnershipFilter(request.GET, queryset=Partnership.objects.published())
    if not filterset.is_valid():
        raise InvalidFilter(filterset.errors.get_json_data())
    return filterset


def _not_modified(request: HttpRequest, entry: opendata.CachedBody) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return entry.etag in tags or "*" in tags
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    if since is not None and entry.last_modified is not None:
        return int(entry.last_modified.timestamp()) <= since
    return False


def _respond(
    request: HttpRequest, entry: opendata.CachedBody, *, filename: str = ""
) -> HttpResponse:
    if _not_modified(request, entry):
        response = HttpResponse(status=304)
    elif "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(entry.gzipped, content_type=entry.content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(gzip.decompress(entry.gzipped), content_type=entry.content_type)
    response["ETag"] = entry.etag
    if entry.last_modified is not None:
        response["Last-Modified"] = http_date(entry.last_modified.timestamp())
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{opendata.LICENCE_URL}>; rel="license"'
    if filename and response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def _serve(request: HttpRequest, *, kind: str, build, filename: str = "") -> HttpResponse:
    with translation.override(_language(request)):
        try:
            filterset = _valid_filter(request)
        except InvalidFilter as exc:
            return JsonResponse({"errors": exc.errors}, status=400)
        entry = opendata.cached_body(
            kind=kind, params=_cache_params(filterset), build=lambda: build(filterset.qs)
        )
        return _respond(request, entry, filename=filename)


@require_GET
def partnerships_geojson(request: HttpRequest) -> HttpResponse:
    filename = "partnerschaften-nrw.geojson" if request.GET.get("download") else ""
    return _serve(request, kind="geojson", build=opendata.geojson_bytes, filename=filename)


@require_GET
def partnerships_csv(request: HttpRequest) -> HttpResponse:
    return _serve(request, kind="csv", build=opendata.csv_bytes, filename="partnerschaften-nrw.csv")

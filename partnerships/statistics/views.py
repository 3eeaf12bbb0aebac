"""The statistics page, its CSV downloads, the open JSON and the boundaries of the maps."""

from __future__ import annotations

import hashlib
import io
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import condition, require_GET

from partnerships.statistics import boundaries, presentation, services
from portal import exports, languages

API_VERSION = 1


def _attributions() -> list[str]:
    return [boundaries.ATTRIBUTION[boundaries.KREISE], boundaries.ATTRIBUTION[boundaries.OBLASTS]]


@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    """The page; its body (charts, maps, tables) is rendered once per language and version
    of the figures and kept in the cache beside them."""
    data = services.current_figures()
    lang = languages.active()
    key = f"{services.figures_cache_key()}:html:{lang}"
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "statistics/_body.html",
            {
                "data": data,
                "key": data["key"],
                "as_of": presentation.as_of_display(data),
                "sections": presentation.sections(data),
                "scope": presentation.scope(),
                "attributions": [
                    {"text": boundaries.ATTRIBUTION[k], "lang": boundaries.ATTRIBUTION_LANGUAGE[k]}
                    for k in (boundaries.KREISE, boundaries.OBLASTS)
                ],
                "api_url": reverse("statistics_api") + f"?lang={lang}",
            },
        )
        cache.set(key, body, settings.STATISTICS_CACHE_SECONDS)
    return render(request, "statistics/page.html", {"body": body})


def csv_bytes(headers: list, rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = exports.csv_writer(out)
    writer.writerow([str(h) for h in headers])
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode()


@require_GET
def statistics_csv(request: HttpRequest, key: str) -> HttpResponse:
    if key not in presentation.KEYS:
        raise Http404
    data = services.current_figures()
    section = presentation.section(data, key)
    response = HttpResponse(
        csv_bytes(section.headers, section.rows), content_type="text/csv; charset=utf-8"
    )
    filename = f"statistik-{key}-{data['as_of']}-{languages.active()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- open JSON (no language prefix; ?lang=uk|en) ------------------------------------------


def _api_entry(request: HttpRequest) -> tuple[bytes, str]:
    """The JSON body and its ETag, cached as long as the figures it is built from."""
    lang = languages.known(request.GET.get("lang"))
    with translation.override(lang):
        data = services.current_figures()
        digest = hashlib.sha1(
            json.dumps(data, sort_keys=True, default=str).encode(), usedforsecurity=False
        ).hexdigest()
        key = f"statistics:api:{lang}:{digest}"
        hit = cache.get(key)
        if hit is not None:
            return hit
        body = {
            "version": API_VERSION,
            "as_of": data["as_of"],
            "language": lang,
            "scope": presentation.scope(),
            "counting_rule": presentation.counting_rule(),
            "key_figures": data["key"],
            "figures": {
                s.key: {
                    "title": s.title,
                    "definition": s.definition,
                    "summary": s.summary,
                    "columns": [str(h) for h in s.headers],
                    "rows": s.rows,
                }
                for s in presentation.sections(data, with_charts=False)
            },
            "data": {k: v for k, v in data.items() if k not in ("key", "as_of")},
            "attribution": _attributions(),
        }
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        entry = (raw, '"' + hashlib.sha1(raw, usedforsecurity=False).hexdigest() + '"')
        cache.set(key, entry, 3600)
        return entry


def _api_etag(request: HttpRequest) -> str:
    return _api_entry(request)[1].strip('"')


@require_GET
@condition(etag_func=_api_etag)
def statistics_api(request: HttpRequest) -> HttpResponse:
    body, _etag = _api_entry(request)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- boundaries for the base layer of the Leaflet maps -------------------------------------


def _boundaries_etag(request: HttpRequest) -> str:
    return boundaries.base_layer().etag.strip('"')


@require_GET
@condition(etag_func=_boundaries_etag)
def boundaries_geojson(request: HttpRequest) -> HttpResponse:
    layer = boundaries.base_layer()
    if "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", ""):
        response = HttpResponse(layer.gzipped, content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(layer.body, content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    patch_vary_headers(response, ["Accept-Encoding"])
    return response

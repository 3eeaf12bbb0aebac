"""Map data and open-data downloads of the published register (GeoJSON, CSV).

Built with two queries whatever the number of partnerships (the partnerships, then all their
members with the actors' coordinates), cached per language and filter under a version key
that every change to published data bumps (``services.published_data_changed``).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from partnerships.models import Partnership, PartnershipMember, format_precise_date
from partnerships.selectors import map_point
from partnerships.services import published_version
from portal import exports, languages

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ATTRIBUTION = (
    "Netzwerkstelle Städtepartnerschaften NRW, Partnerschaftsportal NRW; "
    "Verwaltungsdaten: © Statistisches Bundesamt (Destatis), 2021 (dl-de/by-2-0); "
    "KATOTTG; Koordinaten ukrainischer Gemeinden: GeoNames (CC BY 4.0)"
)
COUNTING_RULE = (
    "Gezählt werden veröffentlichte Partnerschaften der Arten Städtepartnerschaft, "
    "Städtefreundschaft, Solidaritätspartnerschaft, Projektpartnerschaft, Regionalpartnerschaft "
    "und Kreis-Rajon-Partnerschaft zwischen mindestens zwei Gebietskörperschaften, unabhängig "
    "davon, ob sie förmlich vereinbart sind (Spalte is_formal). Schul-, Hochschul-, Klinik- "
    "und Betreiberpartnerschaften sind enthalten, zählen aber nicht mit (Spalte counted). "
    "Eine Dreieckspartnerschaft ist eine Partnerschaft; vermittelnde dritte Partnerstädte "
    "(Rolle broker) sind keine Mitglieder im Sinne der Zählung."
)

MEMBER_FIELDS = (
    "partnership_id",
    "role",
    "actor_id",
    "actor__name",
    *(f"actor__{column}" for column in languages.columns("name")),
    "actor__slug",
    "actor__kind",
    "actor__country",
    "actor__official_code",
    "actor__latitude",
    "actor__longitude",
    "actor__is_sensitive",
    "actor__region__latitude",
    "actor__region__longitude",
    "actor__updated_at",
)


def _actor_name(member: dict) -> str:
    """The actor's name in the active language (German if it has none)."""
    return languages.value_in_active(member, "actor__name")


def _url_template(name: str) -> str:
    return reverse(name, kwargs={"slug": "__slug__"})


def _rows(queryset) -> tuple[list[dict], dict[int, list[dict]]]:
    """The two queries: partnerships and their members (with actor coordinates)."""
    lang = languages.active()
    partnerships = list(
        queryset.order_by("pk").values(
            "pk",
            "slug",
            "title",
            f"title_{lang}",
            "kind",
            "status",
            "is_formal",
            "since",
            "since_precision",
            "updated_at",
            "is_synthetic",
        )
    )
    members: dict[int, list[dict]] = {}
    member_qs = (
        PartnershipMember.objects.filter(partnership__in=queryset.values("pk"))
        .order_by("partnership_id", "position", "pk")
        .values(*MEMBER_FIELDS)
    )
    for m in member_qs:
        members.setdefault(m["partnership_id"], []).append(m)
    return partnerships, members


def _title(row: dict, lang: str) -> str:
    return row.get(f"title_{lang}") or row["title"]


def feature_collection(queryset) -> tuple[dict, datetime | None]:
    """GeoJSON: a Point per actor and a LineString per partnership between its partners."""
    lang = translation.get_language()[:2]
    kinds = dict(Partnership.Kind.choices)
    statuses = dict(Partnership.Status.choices)
    partnership_url = _url_template("partnerships:detail")
    actor_url = _url_template("partnerships:actor_detail")
    partnerships, members = _rows(queryset)
    actors: dict[int, dict] = {}
    lines = []
    last_modified = None
    for row in partnerships:
        last_modified = max(filter(None, [last_modified, row["updated_at"]]))
        points = []
        member_ids = []
        for m in members.get(row["pk"], []):
            last_modified = max(last_modified, m["actor__updated_at"])
            point = map_point(m)
            if point is None:
                continue
            feature = actors.get(m["actor_id"])
            if feature is None:
                feature = actors[m["actor_id"]] = {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": list(point)},
                    "properties": {
                        "feature": "actor",
                        "id": m["actor_id"],
                        "name": _actor_name(m),
                        "url": actor_url.replace("__slug__", m["actor__slug"]),
                        "country": m["actor__country"],
                        "sensitive": m["actor__is_sensitive"],
                        "partnerships": [],
                    },
                }
            feature["properties"]["partnerships"].append(row["pk"])
            member_ids.append(m["actor_id"])
            if m["role"] == PartnershipMember.Role.PARTNER:
                points.append(list(point))
        if len(points) >= 2:
            if len(points) > 2:
                points.append(points[0])  # close the triangle
            geometry = {"type": "LineString", "coordinates": points}
        else:
            geometry = None
        lines.append(
            {
                "type": "Feature",
                "geometry": geometry,
                "properties": {
                    "feature": "partnership",
                    "id": row["pk"],
                    "title": _title(row, lang),
                    "url": partnership_url.replace("__slug__", row["slug"]),
                    "kind": row["kind"],
                    "kind_label": str(kinds.get(row["kind"], row["kind"])),
                    "status": row["status"],
                    "status_label": str(statuses.get(row["status"], row["status"])),
                    "formal": row["is_formal"],
                    "since": format_precise_date(row["since"], row["since_precision"]),
                    "members": member_ids,
                    "synthetic": row["is_synthetic"],
                },
            }
        )
    collection = {
        "type": "FeatureCollection",
        "license": LICENCE,
        "license_url": LICENCE_URL,
        "attribution": ATTRIBUTION,
        "counting_rule": COUNTING_RULE,
        "features": [*actors.values(), *lines],
    }
    return collection, last_modified


CSV_COLUMNS = [
    "id",
    "slug",
    "title",
    "kind",
    "counted",
    "is_formal",
    "status",
    "since",
    "since_precision",
    "members",
    "member_codes",
    "member_countries",
    "brokers",
    "url",
    "updated_at",
]


def csv_rows(queryset) -> tuple[list[list[str]], datetime | None]:
    lang = translation.get_language()[:2]
    partnership_url = _url_template("partnerships:detail")
    partnerships, members = _rows(queryset)
    rows = []
    last_modified = None
    for row in partnerships:
        last_modified = max(filter(None, [last_modified, row["updated_at"]]))
        ms = members.get(row["pk"], [])
        partners = [m for m in ms if m["role"] == PartnershipMember.Role.PARTNER]
        brokers = [m for m in ms if m["role"] == PartnershipMember.Role.THIRD_PARTY]
        rows.append(
            [
                str(row["pk"]),
                row["slug"],
                _title(row, lang),
                row["kind"],
                "yes" if row["kind"] in Partnership.COUNTED_KINDS else "no",
                "yes" if row["is_formal"] else "no",
                row["status"],
                row["since"].isoformat() if row["since"] else "",
                row["since_precision"] if row["since"] else "",
                " | ".join(_actor_name(m) for m in partners),
                " | ".join(m["actor__official_code"] for m in partners),
                " | ".join(m["actor__country"] for m in partners),
                " | ".join(_actor_name(m) for m in brokers),
                settings.SITE_URL + partnership_url.replace("__slug__", row["slug"]),
                row["updated_at"].isoformat(),
            ]
        )
    return rows, last_modified


@dataclass(frozen=True)
class CachedBody:
    gzipped: bytes
    etag: str
    last_modified: datetime | None
    content_type: str


def cached_body(*, kind: str, params: str, build) -> CachedBody:
    """The body for ``kind`` and the normalised query string, from cache or freshly built."""
    lang = translation.get_language()[:2]
    digest = hashlib.sha1(params.encode(), usedforsecurity=False).hexdigest()
    key = f"partnerships:{kind}:{published_version()}:{lang}:{digest}"
    hit = cache.get(key)
    if hit is not None:
        return hit
    body, last_modified, content_type = build()
    etag = '"' + hashlib.sha1(body, usedforsecurity=False).hexdigest() + '"'
    entry = CachedBody(
        gzipped=gzip.compress(body, compresslevel=6, mtime=0),
        etag=etag,
        last_modified=last_modified,
        content_type=content_type,
    )
    cache.set(key, entry, settings.PARTNERSHIPS_GEOJSON_CACHE_SECONDS)
    return entry


def geojson_bytes(queryset) -> tuple[bytes, datetime | None, str]:
    collection, last_modified = feature_collection(queryset)
    body = json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()
    return body, last_modified, "application/geo+json; charset=utf-8"


def csv_bytes(queryset) -> tuple[bytes, datetime | None, str]:
    rows, last_modified = csv_rows(queryset)
    out = io.StringIO()
    writer = exports.csv_writer(out)
    writer.writerow(CSV_COLUMNS)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode(), last_modified, "text/csv; charset=utf-8"

"""Demo data of the library: the entries and the guide of ``data/demo/``, and the funding
guide's programmes of ``data/funding_programmes.yaml`` (sources in ``data/SOURCES.md``).

Rows are written through ``portal.seeding``: a re-run changes nothing and never overwrites
what staff edited; rows that left the data file stay until staff delete them. The
publication's PDF is attached only once; the guide's PDF is rendered only when its inputs
changed (hash).
"""

from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from knowledge import guides, services
from knowledge import models as library
from portal.models import Horizon, Theme
from portal.seeding import read_data, seed_row, translated

DATA = Path(__file__).parent / "data"


@cache
def funding_programmes() -> list[dict]:
    """The programmes of ``data/funding_programmes.yaml``, in the guide's order."""
    return read_data(DATA / "funding_programmes.yaml")["programmes"]


@cache
def demo_resources() -> list[dict]:
    return read_data(DATA / "demo" / "resources.yaml")["resources"]


def _texts(field: str, texts: dict | None) -> dict:
    return translated(field, texts or {}, missing=None)


def _by_slug(model) -> dict:
    return {obj.slug: obj for obj in model.objects.all()}


def load_demo(*, stdout, **options) -> None:
    themes, horizons, groups = _by_slug(Theme), _by_slug(Horizon), _by_slug(library.TargetGroup)
    countries = {c.code: c for c in library.Country.objects.all()}
    resources = {}
    for spec in demo_resources():
        resource = _load_resource(spec, themes, horizons, countries, groups)
        if resource is not None:
            resources[spec["slug"]] = resource
    stdout.write(f"Library: {len(resources)} resources.")
    _load_funding(themes=themes, horizons=horizons, groups=groups)
    stdout.write(f"Funding guide: {len(funding_programmes())} programmes.")
    guide = _load_guide(resources)
    if guide is not None:
        outcome = guides.guide_render_pdf(guide_id=guide.pk)
        stdout.write(f"Guide '{guide.slug}': PDF {outcome}.")


def _load_resource(spec, themes, horizons, countries, groups) -> library.Resource | None:
    from partnerships.models import Partnership

    resource, _changed = seed_row(
        library.Resource,
        {"slug": spec["slug"]},
        {
            **_texts("title", spec["title"]),
            **_texts("summary", spec["summary"]),
            **_texts("body", spec["body"]),
            "kind": spec["kind"],
            "external_url": spec.get("external_url", ""),
            "organisation": spec["organisation"],
            "state": library.Resource.State.PUBLISHED,
            "published_at": spec["published_at"],
            "language": "de",
        },
        relations={
            "themes": [themes[s] for s in spec["themes"] if s in themes],
            "horizons": [horizons[s] for s in spec["horizons"] if s in horizons],
            "countries": [countries[c] for c in spec["countries"] if c in countries],
            "target_groups": [groups[g] for g in spec["target_groups"] if g in groups],
        },
    )
    if resource is None:
        return None
    services.resource_index(resource=resource)
    # The partnerships app loads its demo first; missing ones are simply not linked.
    found = Partnership.objects.filter(slug__in=spec.get("partnerships", []))
    resource.related_partnerships.add(*found)
    if spec.get("attachment") and resource.current_file_id is None:
        services.resource_attach_file(
            resource=resource,
            uploaded=SimpleUploadedFile(f"{spec['slug']}.pdf", _pdf(spec["attachment"])),
        )
    return resource


def _pdf(name: str) -> bytes:
    from portal.pdf import render_pdf

    html = (DATA / "demo" / name).read_text(encoding="utf-8")
    return render_pdf(html=html)


def load_funding() -> None:
    """Create the funding guide's programmes or bring them up to date (part of ``load_demo``):
    fields nobody edited follow the data file, empty ones (e.g. a translation an earlier
    version lacked) are filled."""
    groups = _by_slug(library.TargetGroup)
    _load_funding(themes=_by_slug(Theme), horizons=_by_slug(Horizon), groups=groups)


def _load_funding(*, themes, horizons, groups) -> None:
    for position, spec in enumerate(funding_programmes()):
        values = {}
        for field in ("name", "funder", "eligibility", "funds", "amounts", "cofinancing"):
            values.update(_texts(field, spec[field]))
        values.update(_texts("deadline_note", spec["deadline_note"]))
        recurring = spec.get("recurring") or {}
        program, _changed = seed_row(
            library.FundingProgram,
            {"slug": spec["slug"]},
            {
                **values,
                "amount_min": _decimal(spec.get("amount_min")),
                "amount_max": _decimal(spec.get("amount_max")),
                "funding_rate_percent": spec.get("rate"),
                "deadline_kind": spec["deadline_kind"],
                "recurring_month": recurring.get("month"),
                "recurring_day": recurring.get("day"),
                "link": spec["link"],
                "call_year": spec["call_year"],
                "position": position,
                "is_published": True,
            },
            relations={
                "applicant_groups": [groups[g] for g in spec["applicants"] if g in groups],
                "themes": [themes[s] for s in spec["themes"] if s in themes],
                "horizons": [horizons[s] for s in spec["horizons"] if s in horizons],
            },
        )
        if program is None:
            continue
        for deadline in spec["deadlines"]:
            seed_row(
                library.FundingDeadline,
                {"program": program, "date": deadline["date"]},
                {**_texts("label", deadline["label"]), "call_year": deadline["call_year"]},
            )
        for source_position, source in enumerate(spec["sources"]):
            seed_row(
                library.FundingSource,
                {"program": program, "url": source["url"]},
                {"call_year": source["call_year"], "position": source_position},
            )


def _funding_text(count: int) -> str:
    lines = [
        "Eine Auswahl aus dem Förderleitfaden des Portals (Stand der Angaben: jeweiliges "
        "Aufrufjahr; vor einem Antrag den aktuellen Aufruf prüfen):\n"
    ]
    for spec in funding_programmes()[:count]:
        name, amounts = spec["name"]["de"], spec["amounts"]["de"]
        lines.append(f"- **{name}** (Stand {spec['call_year']}): {amounts}")
    return "\n".join(lines)


def _load_guide(resources: dict) -> library.Guide | None:
    spec = read_data(DATA / "demo" / "guide.yaml")["guide"]
    guide, _changed = seed_row(
        library.Guide,
        {"slug": spec["slug"]},
        {
            **_texts("title", spec["title"]),
            **_texts("subtitle", spec.get("subtitle")),
            **_texts("introduction", spec.get("introduction")),
            "language": "de",
            "is_published": True,
        },
    )
    if guide is None:
        return None
    for position, section in enumerate(spec["sections"], start=1):
        text = section.get("text", "")
        if "funding_programmes" in section:
            text = _funding_text(section["funding_programmes"])
        seed_row(
            library.GuideSection,
            {"guide": guide, "position": position},
            {
                "resource": resources.get(section.get("resource")),
                "heading_de": section.get("heading", ""),
                "text_de": text,
            },
        )
    return guide


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.01"))

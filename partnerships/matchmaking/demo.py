"""Demo data of the partner search: its reference facts and a few open search profiles on
both sides (the facts are in ``data/demo/profiles.yaml``), with one case in the office's
hands. The seed's partnerships stay what they are — history in the register, which the
suggestions read as existing ties.

Idempotent: profiles are found again by actor and contact address; each is recorded when
created (``portal.seeding``), so one that staff deleted, or whose contact address they
changed, is not created again. An existing profile is never changed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from partnerships.matchmaking import services
from partnerships.matchmaking.models import MatchCase, SearchProfile
from partnerships.matchmaking.reference import matchmaking_reference_load
from partnerships.models import Actor
from portal.models import Horizon, SeedRecord, Theme
from portal.seeding import read_data, record_key

DATA = Path(__file__).parent / "data" / "demo"


@cache
def demo_profiles() -> list[dict]:
    return read_data(DATA / "profiles.yaml")["profiles"]


def _profile(spec: dict) -> SearchProfile | None:
    actor = Actor.objects.filter(official_code=spec["code"]).first()
    if actor is None:
        return None
    contact = spec["contact"]
    name, email, language = contact["name"], contact["email"], contact["language"]
    profile = SearchProfile.objects.filter(actor=actor, contact_email=email).first()
    if profile is not None:
        return profile
    _record, created = SeedRecord.objects.get_or_create(
        key=record_key(SearchProfile, {"actor": actor, "contact_email": email}),
        defaults={"values": {}},
    )
    if not created:
        return None  # created from the data once, deleted or re-addressed by staff since
    low, high = spec["population"]["min"], spec["population"]["max"]
    fields = {
        "seeks_kinds": spec["seeks_kinds"],
        "min_population": low,
        "max_population": high,
        "languages": spec["languages"],
        "staff_time": spec["staff_time"],
        "decision_stage": spec["decision_stage"],
        "visibility": spec.get("visibility", SearchProfile.Visibility.PUBLIC),
        "contact_name": name,
        "contact_email": email,
        "contact_language": language,
        **{f"needs_{lang}": text for lang, text in spec["needs"].items()},
        **{f"offers_{lang}": text for lang, text in spec["offers"].items()},
    }
    themes = {
        name: list(Theme.objects.filter(slug__in=spec[name]).values_list("pk", flat=True))
        for name in ("themes", "need_themes", "offer_themes")
    }
    themes["horizons"] = list(
        Horizon.objects.filter(slug__in=spec["horizons"]).values_list("pk", flat=True)
    )
    return services.search_profile_save(profile=SearchProfile(actor=actor), **fields, **themes)


def load_demo(*, stdout, **options) -> None:
    result = matchmaking_reference_load()
    stdout.write(f"Partner search reference: {result.created} created, {result.updated} updated.")
    specs = demo_profiles()
    profiles = [p for p in (_profile(spec) for spec in specs) if p is not None]
    stdout.write(f"Demo search profiles: {len(profiles)}.")
    korosten = next((p for p in profiles if p.actor.official_code == specs[0]["code"]), None)
    if korosten is not None and not MatchCase.objects.filter(profile=korosten).exists():
        case = services.case_open(profile=korosten, note="Demodaten")
        candidates = Actor.objects.filter(official_code__in=["05570052", "05558008"])
        services.case_shortlist(
            case=case,
            candidates=[
                (actor, "Demodaten: ähnliche Größe, Stadt im Münsterland") for actor in candidates
            ],
            by=None,
        )
        stdout.write("Demo matchmaking case: Korosten, shortlist of two.")

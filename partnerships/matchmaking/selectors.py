"""Reads of the partner search: suggestions, and (later) the public list and case overviews."""

from __future__ import annotations

from partnerships.matchmaking.engine.explain import Suggestion, explain
from partnerships.matchmaking.engine.index import (
    OTHER_SIDE,
    ProfileInfo,
    RegisterIndex,
    counterpart_kinds,
)
from partnerships.matchmaking.engine.memory import paused
from partnerships.matchmaking.engine.rows import Scope, name_in_language, register_rows_load
from partnerships.matchmaking.engine.score import Seeker, rank, seeker_for
from partnerships.matchmaking.models import SearchProfile
from partnerships.models import Actor
from portal.models import Theme

DEFAULT_LIMIT = 20


def suggestion_index(*, staff: bool, scope: Scope | None = None) -> RegisterIndex:
    """The register for one request's suggestions (a constant number of queries)."""
    return RegisterIndex(register_rows_load(staff=staff, scope=scope))


def _scope(actor: Actor, kinds: list[str] | tuple[str, ...]) -> Scope | None:
    other = OTHER_SIDE.get(actor.country)
    if other is None:
        return None
    return Scope(
        country=other, kinds=tuple(kinds or counterpart_kinds(actor.kind)), seeker_id=actor.pk
    )


def theme_names() -> dict[int, str]:
    """Theme names in the active language (one query)."""
    return {t.pk: t.name for t in Theme.objects.all()}


def _profile_info(profile: SearchProfile) -> ProfileInfo:
    """A profile the index does not hold (expired, or staff-only for a public reader)."""
    return ProfileInfo(
        profile.pk,
        profile.actor_id,
        tuple(profile.seeks_kinds or ()),
        profile.min_population,
        profile.max_population,
        profile.visibility == SearchProfile.Visibility.PUBLIC,
        *(
            frozenset(getattr(profile, name).values_list("pk", flat=True))
            for name in (
                "themes",
                "need_themes",
                "offer_themes",
                "preferred_regions",
                "excluded_regions",
            )
        ),
    )


def _suggest(
    index: RegisterIndex, seeker: Seeker, *, limit: int, weights: dict[str, float] | None
) -> list[Suggestion]:
    weights = weights if weights is not None else index.weights
    ranked = rank(index, seeker, weights=weights, limit=limit)
    return explain(index, ranked, weights=weights, theme_names=theme_names())


@paused
def profile_suggestions(
    *,
    profile: SearchProfile,
    staff: bool,
    limit: int = DEFAULT_LIMIT,
    weights: dict[str, float] | None = None,
    index: RegisterIndex | None = None,
) -> list[Suggestion]:
    """Ranked candidates for a profile. ``staff=False`` (the profile's editors) builds them
    from public information only."""
    index = index or suggestion_index(staff=staff, scope=_scope(profile.actor, profile.seeks_kinds))
    info = index.profiles.get(profile.pk) or _profile_info(profile)
    seeker = Seeker(index.actors[profile.actor_id], info)
    return _suggest(index, seeker, limit=limit, weights=weights)


@paused
def actor_suggestions(
    *,
    actor: Actor,
    limit: int = DEFAULT_LIMIT,
    weights: dict[str, float] | None = None,
    index: RegisterIndex | None = None,
) -> list[Suggestion]:
    """Ranked candidates for any actor (staff only: the caller checks), using the actor's
    newest active profile where it has one."""
    if index is None:
        own = SearchProfile.objects.active().filter(actor=actor).order_by("-pk").first()
        index = suggestion_index(staff=True, scope=_scope(actor, own.seeks_kinds if own else ()))
    seeker = seeker_for(index, actor_id=actor.pk)
    return _suggest(index, seeker, limit=limit, weights=weights)


@paused
def weights_preview(
    *,
    profile: SearchProfile,
    current: dict[str, float],
    edited: dict[str, float],
    limit: int = 10,
) -> list[dict]:
    """The top ``limit`` for a profile under the current and the edited weights, side by side,
    with how far each edited row moved (one read of the register for both)."""
    index = suggestion_index(staff=True, scope=_scope(profile.actor, profile.seeks_kinds))
    before = profile_suggestions(
        profile=profile, staff=True, limit=None, weights=current, index=index
    )
    after = profile_suggestions(
        profile=profile, staff=True, limit=limit, weights=edited, index=index
    )
    position_before = {s.actor.pk: s.position for s in before}
    rows = []
    for i in range(min(limit, max(len(before), len(after)))):
        old = before[i] if i < len(before) else None
        new = after[i] if i < len(after) else None
        moved = position_before.get(new.actor.pk, 0) - new.position if new else 0
        rows.append({"position": i + 1, "current": old, "edited": new, "moved": moved})
    return rows


# --- the public list, its map and "Mein Bereich" -------------------------------------------


def public_profiles():
    """Published (public, unexpired) profiles with what a list row shows — a constant number
    of queries whatever their number. Never the contact person."""
    return (
        SearchProfile.objects.published()
        .select_related("actor", "actor__region", "actor__parent")
        .prefetch_related("themes", "need_themes", "offer_themes", "horizons")
        .order_by("-updated_at", "pk")
    )


def profile_map_features(queryset) -> list[dict]:
    """Points of the published profiles for the map (one query); sensitive places at their
    region's centre, as on the register's map. No contact data."""
    from django.urls import reverse

    from partnerships.selectors import map_point

    rows = (
        queryset.order_by("pk")
        .annotate(actor_label=name_in_language("actor__"))
        .values(
            "pk",
            "actor_label",
            "actor__slug",
            "actor__kind",
            "actor__country",
            "actor__latitude",
            "actor__longitude",
            "actor__is_sensitive",
            "actor__region__latitude",
            "actor__region__longitude",
        )
    )
    kinds = dict(Actor.Kind.choices)
    features = []
    for row in rows:
        point = map_point(row)
        if point is None:
            continue
        features.append(
            {
                "id": row["pk"],
                "name": row["actor_label"],
                "kind": str(kinds.get(row["actor__kind"], "")),
                "side": row["actor__country"],
                "point": point,
                "sensitive": row["actor__is_sensitive"],
                "url": f"{reverse('matchmaking:list')}#profil-{row['pk']}",
                "contact_url": reverse("matchmaking:contact", args=[row["pk"]]),
            }
        )
    return features


def my_area_overview(*, user) -> dict:
    """What "Mein Bereich" shows of the partner search: the profiles of the user's actors and
    the actors that may have one (staff see their own actors here too, all in the admin)."""
    if not user.is_authenticated:
        return {"profiles": [], "actors": [], "cases": []}
    actors = list(
        Actor.objects.filter(editors__user=user, country__in=["DE", "UA"]).order_by("name")
    )
    profiles = list(
        SearchProfile.objects.filter(actor__in=actors)
        .select_related("actor")
        .order_by("actor__name", "-valid_until", "pk")
    )
    from partnerships.matchmaking.models import MatchNotificationPreference

    preference = MatchNotificationPreference.objects.filter(user=user).first()
    return {
        "profiles": profiles,
        "actors": actors,
        "cases": my_cases(actors=actors),
        "notifications_enabled": preference.enabled if preference else True,
    }


def my_cases(*, actors: list[Actor]) -> list[dict]:
    """The cases of these actors (either side) with their state and each own side's answer
    — never the other side's contact or answer."""
    from django.db.models import Q

    from partnerships.matchmaking.models import IntroductionAnswer, MatchCase

    ids = [a.pk for a in actors]
    cases = list(
        MatchCase.objects.filter(Q(actor__in=ids) | Q(partner__in=ids))
        .select_related("actor", "partner")
        .order_by("-state_changed_at", "pk")
    )
    answers = {
        (a.case_id, a.actor_id): a
        for a in IntroductionAnswer.objects.filter(case__in=cases, actor__in=ids).order_by("pk")
    }
    rows = []
    for case in cases:
        own = case.actor if case.actor_id in ids else case.partner
        other = case.partner if own.pk == case.actor_id else case.actor
        rows.append(
            {"case": case, "own": own, "other": other, "answer": answers.get((case.pk, own.pk))}
        )
    return rows


@paused
def pair_explanation(*, seeker: Actor, candidate: Actor) -> list[str]:
    """The factor sentences for one pair, in the active language (introduction emails)."""
    from partnerships.matchmaking.engine.score import factors_for

    index = suggestion_index(staff=True, scope=_scope(seeker, (candidate.kind,)))
    if seeker.pk not in index.actors or candidate.pk not in index.actors:
        return []
    ranked = factors_for(index, seeker_for(index, actor_id=seeker.pk), candidate.pk)
    explained = explain(index, [ranked], weights=index.weights, theme_names=theme_names())
    return [f.sentence for f in explained[0].factors if f.value > 0]


def open_cases_overview(*, now=None) -> list[dict]:
    """Each open state (in the workflow's order) with its number of cases and the days since
    the oldest of them entered it (staff's case list)."""
    from django.db.models import Count, Min
    from django.utils import timezone

    from partnerships.matchmaking.models import OPEN_STATES, CaseState, MatchCase

    now = now or timezone.now()
    rows = {
        row["state"]: row
        for row in MatchCase.objects.open()
        .values("state")
        .annotate(count=Count("pk"), oldest=Min("state_changed_at"))
    }
    return [
        {
            "state": CaseState(state).label,
            "code": state,
            "count": rows[state]["count"] if state in rows else 0,
            "oldest_days": (now - rows[state]["oldest"]).days if state in rows else None,
        }
        for state in OPEN_STATES
    ]


def candidate_contact(*, actor_id: int) -> dict:
    """Whom to introduce a candidate through: the contact of its newest active search profile,
    else the actor's own contact (language: Ukrainian for Ukrainian actors); {} if unknown."""
    profile = SearchProfile.objects.active().filter(actor_id=actor_id).order_by("-pk").first()
    if profile:
        return {
            "name": profile.contact_name,
            "email": profile.contact_email,
            "language": profile.contact_language,
        }
    actor = Actor.objects.filter(pk=actor_id).first()
    if actor is None:
        return {}
    return {
        "name": actor.contact_name,
        "email": actor.contact_email,
        "language": "uk" if actor.country == "UA" else "de",
    }

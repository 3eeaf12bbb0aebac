"""One read of everything the suggestions need, as plain tuples (constant query count)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from django.db import connections
from django.db.models import CharField, F, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from partnerships.matchmaking.engine.memory import paused
from partnerships.matchmaking.models import (
    OriginStatistic,
    PlaceFacts,
    SearchProfile,
    SuggestionWeights,
    Twinning,
)
from partnerships.models import Actor, Partnership, PartnershipMember
from portal import languages

ACTOR_FIELDS = (
    "pk",
    "kind",
    # The German name (names are translated; the engine compares them with the reference
    # twinnings' German partner names and caches one index for every language).
    f"name_{languages.SOURCE}",
    "country",
    "official_code",
    "population",
    "parent_id",
    "region_id",
    "slug",
    # The name in the active language (modeltranslation's fallback: German when empty), for
    # what the reader sees: the candidates and the names inside the explanations.
    "label",
)
PROFILE_LINKS = ("themes", "need_themes", "offer_themes", "preferred_regions", "excluded_regions")


@dataclass
class RegisterRows:
    """The register as tuples; ``index.RegisterIndex`` builds the look-ups from it."""

    actors: list[tuple]  # ACTOR_FIELDS
    members: list[tuple]  # (partnership_id, actor_id, role, partnership kind)
    partnership_themes: list[tuple]  # (partnership_id, theme_id)
    facts: list[tuple]  # (official_code, settlement_type, foreign_share, war dates, before 2022)
    twinnings: list[tuple]  # (official_code, partner_name, partner_country, partner_code)
    profiles: list[tuple]  # (pk, actor_id, seeks_kinds, min_population, max_population, public)
    profile_links: dict[str, list[tuple]]  # PROFILE_LINKS → (profile_id, target_id)
    origins: list[tuple]  # (actor_id, country, region_id, residents, share_pct, as_of, source)
    weights: dict[str, float] = field(default_factory=dict)


# Administrative levels are always read: they carry the Kreis–raion and regional ties.
AREA_KINDS = ("state", "gov_region", "district", "oblast", "raion")


@dataclass(frozen=True)
class Scope:
    """What one seeker needs: candidates of ``kinds`` in ``country``, the seeker itself, the
    administrative levels, and the partnerships (with all their members) of these."""

    country: str
    kinds: tuple[str, ...]
    seeker_id: int


@paused
def register_rows_load(
    *, staff: bool, today: date | None = None, scope: Scope | None = None
) -> RegisterRows:
    """Read the register for suggestions (the whole register, or what ``scope`` needs).

    ``staff=False`` (editors looking at their own profile's suggestions) uses only what is
    public: published partnerships and public, unexpired profiles. Staff see every partnership
    that has not ended and every unexpired profile. Ended partnerships never count.
    """
    today = today or timezone.localdate()
    partnerships = Partnership.objects.exclude(status=Partnership.Status.ENDED)
    if not staff:
        partnerships = partnerships.filter(publication_state=Partnership.Publication.PUBLISHED)
    profiles = SearchProfile.objects.active(today=today)
    if not staff:
        profiles = profiles.filter(visibility=SearchProfile.Visibility.PUBLIC)
    actors = Actor.objects.all()
    origins = OriginStatistic.objects.all()
    if scope is not None:
        relevant = Actor.objects.filter(_relevant(scope)).values("pk")
        partnerships = partnerships.filter(
            pk__in=PartnershipMember.objects.filter(actor__in=relevant).values("partnership_id")
        )
        # the relevant actors by a condition on the row (an index), the other members of
        # their partnerships afterwards (``_partner_rows``)
        actors = actors.filter(_relevant(scope))
        profiles = profiles.filter(_relevant(scope, "actor__"))
        origins = origins.filter(_relevant(scope, "actor__"))
    profile_rows = list(
        profiles.order_by("pk").values_list(
            "pk", "actor_id", "seeks_kinds", "min_population", "max_population", "visibility"
        )
    )
    links = {name: [] for name in PROFILE_LINKS}
    parts = []
    for name in PROFILE_LINKS:
        through = getattr(SearchProfile, name).through
        source_field, target_field = _through_fields(through)
        parts.append(
            through.objects.filter(**{f"{source_field}__in": profiles.values("pk")})
            .annotate(link=Value(name, output_field=CharField()))
            .values_list("link", source_field, target_field)
        )
    for name, profile_id, target_id in parts[0].union(*parts[1:], all=True):  # one query
        links[name].append((profile_id, target_id))
    actor_rows, member_rows, theme_rows, fact_rows, twinning_rows = fetch_together(
        (actors.annotate(label=name_in_language()).order_by("pk"), ACTOR_FIELDS),
        (
            PartnershipMember.objects.filter(partnership__in=partnerships).order_by(
                "partnership_id", "position", "pk"
            ),
            ("partnership_id", "actor_id", "role", "partnership__kind"),
        ),
        (
            Partnership.themes.through.objects.filter(partnership__in=partnerships),
            ("partnership_id", "theme_id"),
        ),
        (
            PlaceFacts.objects.all(),
            (
                "official_code",
                "settlement_type",
                "foreign_share_pct",
                "war_lists",
                "not_controlled_before_2022",
            ),
        ),
        (
            Twinning.objects.order_by("pk"),
            ("official_code", "partner_name", "partner_country", "partner_code"),
        ),
    )
    if scope is not None:
        extra = _partner_rows(scope, partnerships, actor_rows, member_rows)
        if extra:
            actor_rows = sorted(actor_rows + extra, key=itemgetter(0))
    return RegisterRows(
        actors=actor_rows,
        members=member_rows,
        partnership_themes=theme_rows,
        facts=fact_rows,
        twinnings=twinning_rows,
        profiles=[(*row[:5], row[5] == SearchProfile.Visibility.PUBLIC) for row in profile_rows],
        profile_links=links,
        origins=list(
            origins.order_by("-as_of", "pk").values_list(
                "actor_id",
                "origin_country",
                "origin_region_id",
                "residents",
                "share_pct",
                "as_of",
                "source",
            )
        ),
        weights=SuggestionWeights.current().as_dict(),
    )


def _partner_rows(
    scope: Scope, partnerships: QuerySet, actor_rows: list[tuple], member_rows: list[tuple]
) -> list[tuple]:
    """The other members of the partnerships read (``ACTOR_FIELDS``): one query, by the ids
    the members' rows name.

    Before, one query read the relevant actors *or* those in their partnerships: PostgreSQL
    tested every actor against the partnerships' subquery, which the members' query runs
    again. Now the relevant actors come by index and these by primary key — at 20,000
    actors (EXPLAIN ANALYZE, medians): an association's search 31 → 7 + 15 ms, a
    municipality's 20 → 2 + 0.2 ms. On PostgreSQL the ids go as one array parameter;
    elsewhere the partnerships' subquery runs again."""
    known = {row[0] for row in actor_rows}
    others = {row[1] for row in member_rows}
    others.difference_update(known)
    if connections[Actor.objects.db].vendor == "postgresql":
        ids = RawSQL("SELECT unnest(%s::bigint[])", (sorted(others),))
        partners = Actor.objects.filter(pk__in=ids)
    else:
        partners = Actor.objects.exclude(_relevant(scope)).filter(
            pk__in=PartnershipMember.objects.filter(partnership__in=partnerships).values("actor_id")
        )
    return fetch(partners.annotate(label=name_in_language()), *ACTOR_FIELDS)


def _relevant(scope: Scope, prefix: str = "") -> Q:
    """The actors a scoped read starts from: the candidates' side and kinds, the
    administrative levels and the seeker (``prefix``: the same through a relation)."""
    return (
        Q(**{f"{prefix}country": scope.country, f"{prefix}kind__in": scope.kinds})
        | Q(**{f"{prefix}kind__in": AREA_KINDS})
        | Q(**{f"{prefix}pk": scope.seeker_id})
    )


def name_in_language(prefix: str = ""):
    """The actor's name in the active language, German where that column is empty — computed
    in the same query as the rest of the row (``prefix``: an actor through a relation)."""
    source = f"{prefix}name_{languages.SOURCE}"
    own = f"{prefix}name_{languages.active()}"
    if own == source:
        return F(source)
    return Coalesce(NullIf(F(own), Value("")), F(source), output_field=CharField())


def fetch_together(*reads: tuple[QuerySet, tuple[str, ...]]) -> list[list[tuple]]:
    """Several ``fetch`` reads (queryset, fields) in one round trip to the database.

    On PostgreSQL the statements go together (psycopg binds the parameters on the client)
    and their results are read one after another; on a loaded server each round trip waits
    for the database process to be scheduled, so five reads cost one wait instead of five.
    Elsewhere they run one after another."""
    connection = connections[reads[0][0].db]
    if connection.vendor != "postgresql":
        return [fetch(queryset, *fields) for queryset, fields in reads]
    statements, params = [], []
    for queryset, fields in reads:
        sql, read_params = _plain(queryset).values_list(*fields).query.sql_with_params()
        statements.append(sql)
        params.extend(read_params)
    results = []
    with connection.cursor() as cursor:
        cursor.execute("; ".join(statements), params)
        for position, (_queryset, fields) in enumerate(reads):
            if position:
                cursor.nextset()
            results.append(_in_order(cursor, fields))
    return results


def _plain(queryset: QuerySet) -> QuerySet:
    """A plain QuerySet: modeltranslation's would reorder the columns, and putting them back
    in order costs a Python call per row."""
    return QuerySet(model=queryset.model, query=queryset.query.chain(), using=queryset.db)


def _in_order(cursor, fields: tuple[str, ...] | list[str]) -> list[tuple]:
    rows = cursor.fetchall()
    names = [column[0] for column in cursor.description]
    if list(fields) == names:
        return rows
    pick = itemgetter(*(names.index(name) for name in fields))
    return [pick(row) for row in rows] if len(fields) > 1 else [(pick(r),) for r in rows]


def fetch(queryset: QuerySet, *fields: str) -> list[tuple]:
    """``queryset.values_list(*fields)`` as plain tuples, straight from the cursor.

    Skips the ORM's per-row conversion (and modeltranslation's per-row rewriting), which
    costs more than the query itself for thousands of rows. Only for columns whose database
    value is already the Python value (numbers, text, booleans, dates).
    """
    sql, params = _plain(queryset).values_list(*fields).query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return _in_order(cursor, fields)


def _through_fields(through) -> tuple[str, str]:
    """(profile column, target column) of a profile's many-to-many table."""
    fks = [f for f in through._meta.fields if f.is_relation]
    source = next(f for f in fks if f.related_model is SearchProfile)
    target = next(f for f in fks if f is not source)
    return f"{source.name}_id", f"{target.name}_id"

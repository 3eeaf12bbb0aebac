"""One sentence per factor, in the reader's language (the active one), for the candidates
shown only. Numbers and dates follow the language's format (498.686 / 498 686 / 498,686)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from partnerships.matchmaking.engine.index import ActorInfo, RegisterIndex
from partnerships.matchmaking.engine.score import FactorValue, Ranked
from partnerships.matchmaking.models import PlaceFacts, SuggestionWeights
from partnerships.models import Actor

FLAG_FACTORS = frozenset({"safety"})


@dataclass(frozen=True)
class Explained:
    key: str
    label: str
    value: float
    weight: float
    contribution: float
    sentence: str


@dataclass(frozen=True)
class Suggestion:
    actor: ActorInfo
    position: int
    score: float
    factors: tuple[Explained, ...]
    flags: tuple[Explained, ...]
    has_profile: bool

    @property
    def name(self) -> str:
        """The candidate's name in the reader's language."""
        return self.actor.label

    @property
    def url(self) -> str:
        return reverse("partnerships:actor_detail", kwargs={"slug": self.actor.slug})

    @property
    def kind_label(self) -> str:
        return str(Actor.Kind(self.actor.kind).label) if self.actor.kind in Actor.Kind else ""


def number(value: int | float) -> str:
    return formats.number_format(value, force_grouping=True)


def _date(iso: str | date) -> str:
    day = date.fromisoformat(iso) if isinstance(iso, str) else iso
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _join(names: list[str] | tuple[str, ...]) -> str:
    return ", ".join(names)


def _type_label(code: str) -> str:
    if code == "grossstadt":
        return _("Großstadt")
    if code in PlaceFacts.SettlementType.values:
        return str(PlaceFacts.SettlementType(code).label)
    return str(Actor.Kind(code).label) if code in Actor.Kind.values else code


def _sentence(index: RegisterIndex, f: FactorValue, theme_names: dict[int, str]) -> str:
    d = f.detail
    actors = index.actors if index is not None else {}
    if f.key == "mutual":
        if d[0]:
            return _("Beide suchen einander: die Suchprofile passen zueinander.")
        return _("Sucht ebenfalls einen Partner (eigenes Suchprofil).")
    if f.key == "themes":
        names = [theme_names.get(pk, "?") for pk in d]
        return ngettext(
            "%(count)s gemeinsames Thema: %(names)s",
            "%(count)s gemeinsame Themen: %(names)s",
            len(names),
        ) % {"count": len(names), "names": _join(names)}
    if f.key == "needs_offers":
        gives, takes = ([theme_names.get(pk, "?") for pk in part] for part in d)
        parts = []
        if gives:
            parts.append(_("bietet, was gesucht wird: %(names)s") % {"names": _join(gives)})
        if takes:
            parts.append(_("sucht, was angeboten wird: %(names)s") % {"names": _join(takes)})
        return "; ".join(parts)
    if f.key == "size":
        text = _("Einwohner %(own)s / %(other)s") % {"own": number(d[0]), "other": number(d[1])}
        if f.value < 0:
            text = _("%(sizes)s – außerhalb der gesuchten Größe") % {"sizes": text}
        return text
    if f.key == "kind":
        return f"{_type_label(d[0])} ↔ {_type_label(d[1])}"
    if f.key == "third_partner":
        return _("beide mit %(towns)s verschwistert") % {"towns": _join(d)}
    if f.key == "regional":
        return _("Regionalpartnerschaft %(own)s – %(other)s") % {
            "own": actors[d[0]].label,
            "other": actors[d[1]].label,
        }
    if f.key == "district":
        return _("Partnerschaft auf Kreisebene: %(own)s – %(other)s") % {
            "own": actors[d[0]].label,
            "other": actors[d[1]].label,
        }
    if f.key == "need":
        country, same, others = d
        if same == 0:
            text = (
                _("noch keine deutsche Partnerkommune")
                if country == "DE"
                else _("noch keine ukrainische Partnerkommune")
            )
            if others >= 8:
                text = ngettext(
                    "%(text)s, aber %(count)s andere Partnerstadt",
                    "%(text)s, aber %(count)s andere Partnerstädte",
                    others,
                ) % {"text": text, "count": others}
            return text
        if country == "DE":
            return ngettext(
                "bereits %(count)s deutsche Partnerkommune",
                "bereits %(count)s deutsche Partnerkommunen",
                same,
            ) % {"count": same}
        return ngettext(
            "bereits %(count)s ukrainische Partnerkommune",
            "bereits %(count)s ukrainische Partnerkommunen",
            same,
        ) % {"count": same}
    if f.key == "origin":
        kind, member, stat = d
        if kind == "zensus":
            return _(
                "Ausländeranteil in %(place)s %(share)s %% (Zensus 2022, ohne Aufschlüsselung "
                "nach Herkunft)"
            ) % {"place": actors[member].label, "share": formats.number_format(stat, 1)}
        figure = (
            number(stat.residents)
            if stat.residents is not None
            else f"{formats.number_format(stat.share, 1)} %"
        )
        values = {
            "figure": figure,
            "place": actors[member].label,
            "date": _date(stat.as_of),
            "source": stat.source,
        }
        if kind == "region":
            values["region"] = actors[stat.region_id].label
            return (
                _(
                    "%(place)s: %(figure)s Einwohner*innen aus %(region)s "
                    "(Herkunftsstatistik, Stand %(date)s, %(source)s)"
                )
                % values
            )
        return (
            _(
                "%(place)s: %(figure)s Einwohner*innen aus der Ukraine "
                "(Herkunftsstatistik, Stand %(date)s, %(source)s)"
            )
            % values
        )
    if f.key == "region":
        kind, member = d
        if kind == "preferred":
            return _("in der gewünschten Region %(region)s") % {"region": actors[member].label}
        return _("wünscht sich einen Partner in %(region)s") % {"region": actors[member].label}
    if f.key == "safety":
        dates, before = d
        parts = []
        if dates:
            parts.append(
                _(
                    "auf den Listen der Kampf- oder besetzten Gebiete vom %(dates)s "
                    "(Listen von 2022, nicht der heutige Stand)"
                )
                % {"dates": _join([_date(day) for day in dates])}
            )
        if before:
            parts.append(_("schon vor 2022 nicht unter Kontrolle der Regierung (Stand 2022)"))
        return "; ".join(parts)
    return ""


def explain(
    index: RegisterIndex,
    ranked: list[Ranked],
    *,
    weights: dict[str, float],
    theme_names: dict[int, str],
    start: int = 1,
) -> list[Suggestion]:
    labels = {
        name: str(SuggestionWeights._meta.get_field(name).verbose_name)
        for name in SuggestionWeights.FACTORS
    }
    order = {name: i for i, name in enumerate(SuggestionWeights.FACTORS)}
    result = []
    for position, r in enumerate(ranked, start=start):
        explained = [
            Explained(
                key=f.key,
                label=labels.get(f.key, f.key),
                value=f.value,
                weight=weights.get(f.key, 0.0),
                contribution=round(weights.get(f.key, 0.0) * f.value, 4),
                sentence=_sentence(index, f, theme_names),
            )
            for f in r.factors
        ]
        explained.sort(key=lambda e: (-abs(e.contribution), order.get(e.key, 99)))
        result.append(
            Suggestion(
                actor=index.actors[r.actor_id],
                position=position,
                score=r.score,
                factors=tuple(e for e in explained if e.key not in FLAG_FACTORS),
                flags=tuple(e for e in explained if e.key in FLAG_FACTORS),
                has_profile=r.actor_id in index.profiles_of,
            )
        )
    return result


def factor_sentence(factor: FactorValue, *, theme_names: dict[int, str] | None = None) -> str:
    """The sentence of one factor that needs no register index (mutual, themes,
    needs_offers, size, need, safety) — for other apps ranking with the same factors (the
    Bedarfsbörse)."""
    return _sentence(None, factor, theme_names or {})

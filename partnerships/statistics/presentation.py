"""The figures in the reader's language: per figure a title, a text summary, its definition,
its chart(s) and the data table (also the CSV download and the open JSON)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from partnerships.models import Partnership
from partnerships.opendata import COUNTING_RULE
from partnerships.statistics import boundaries, charts, selectors
from partnerships.statistics.figures import COUNTED_KINDS, DORMANT_AFTER_MONTHS
from portal import languages

# The order of the page, the CSV downloads and the open JSON.
KEYS = (
    "per_year_kind",
    "per_year_formality",
    "bezirke",
    "kreise",
    "oblasts",
    "pipeline",
    "matchmaking",
    "activity",
    "events",
    "subscribers",
    "snapshots",
)

SCOPE = gettext_lazy(
    "Gezählt werden veröffentlichte Partnerschaften mit mindestens einem Partner in "
    "Nordrhein-Westfalen und einem in der Ukraine (vermittelnde dritte Partnerstädte zählen "
    "nicht als Partner), nach der Zählregel der offenen Daten."
)

DEFINITIONS = {
    "per_year_kind": gettext_lazy(
        "Bestand am 31. Dezember jedes Jahres (im laufenden Jahr: heute). Eine Partnerschaft "
        "besteht ab ihrem Beginn („seit“, sonst ihrem ersten datierten Schritt) bis zu ihrem "
        "Ende. Die Art ist die zum Stichtag geltende: datierte Wechsel der Art (z. B. "
        "Projektpartnerschaft → Städtepartnerschaft) werden berücksichtigt."
    ),
    "per_year_formality": gettext_lazy(
        "Förmlich ist eine Partnerschaft ab ihrer Unterzeichnung (datierter Schritt "
        "„unterzeichnet“; ohne diesen ab Beginn, wenn sie als förmlich vereinbart erfasst ist). "
        "Stichtag wie oben."
    ),
    "bezirke": gettext_lazy(
        "Heute bestehende Partnerschaften je Regierungsbezirk ihrer Partner in NRW (eine "
        "Partnerschaft zählt in jedem Bezirk, in dem sie einen Partner hat). Anteil: Gemeinden "
        "mit mindestens einer ukrainischen Partnerschaft an allen Gemeinden (396 in NRW, "
        "amtliches Gemeindeverzeichnis)."
    ),
    "kreise": gettext_lazy(
        "Wie oben je Kreis bzw. kreisfreier Stadt (AGS). Eine Partnerschaft eines Kreises "
        "zählt für den Kreis, nicht für seine Gemeinden."
    ),
    "oblasts": gettext_lazy(
        "Heute bestehende Partnerschaften je Oblast ihrer ukrainischen Partner (KATOTTG; Kyjiw "
        "und Sewastopol als eigene Einheiten)."
    ),
    "pipeline": gettext_lazy(
        "Heutiger Stand, jede Partnerschaft bzw. jedes Suchprofil einmal in seiner Stufe: "
        "Suchprofile der Partnersuche nach „Stand der Entscheidung“ (Interesse, Auftrag, "
        "Beschluss) und Partnerschaften im Register nach Status (erster Kontakt = Interesse, "
        "Ratsbeschluss = Beschluss, unterzeichnet/aktiv/ruhend/ausgesetzt = unterzeichnet)."
    ),
    "matchmaking": gettext_lazy(
        "Gültige Suchprofile heute; eingegangene Anfragen „Wir suchen einen Partner“ und "
        "Anbahnungen der Netzwerkstelle insgesamt; Anbahnungen, in denen Partner einander "
        "vorgestellt wurden; Anbahnungen, aus denen eine Partnerschaft im Register wurde."
    ),
    "activity": gettext_lazy(
        "Heute bestehende Partnerschaften nach ihrer letzten erfassten Aktivität (Meilenstein, "
        "Projektbeginn oder -ende, Schritt im Verlauf, Wechsel der Art, Beginn, in einer "
        "Bestandsaufnahme gemeldete letzte Aktivität): ruhend, wenn sie älter als %(months)s "
        "Monate ist."
    ),
    "events": gettext_lazy(
        "Veröffentlichte (nicht abgesagte) Veranstaltungen, die bis heute begonnen haben, nach "
        "Jahr ihres Beginns; "
        "Teilnehmende: Anmeldungen mit Status bestätigt oder teilgenommen. Nur Anzahlen."
    ),
    "subscribers": gettext_lazy(
        "Personen mit mindestens einem bestätigten, nicht abgemeldeten und zustellbaren "
        "Newsletter-Abonnement am Monatsende (im laufenden Monat: heute). Nur Anzahlen."
    ),
    "snapshots": gettext_lazy(
        "Monatliche Momentaufnahme: die Kennzahlen, wie sie am Ende jedes Monats waren. Sie "
        "werden nachträglich nicht geändert, auch wenn das Register später berichtigt wird."
    ),
}

TITLES = {
    "per_year_kind": gettext_lazy("Partnerschaften je Jahr nach Art"),
    "per_year_formality": gettext_lazy("Partnerschaften je Jahr: förmlich oder nicht förmlich"),
    "bezirke": gettext_lazy("Nach Regierungsbezirk"),
    "kreise": gettext_lazy("Nach Kreis und kreisfreier Stadt"),
    "oblasts": gettext_lazy("Nach Oblast"),
    "pipeline": gettext_lazy("Von Interesse bis Unterzeichnung"),
    "matchmaking": gettext_lazy("Partnersuche: von Profilen zu Partnerschaften"),
    "activity": gettext_lazy("Aktiv oder ruhend"),
    "events": gettext_lazy("Veranstaltungen und Teilnehmende je Jahr"),
    "subscribers": gettext_lazy("Newsletter-Abonnent*innen"),
    "snapshots": gettext_lazy("Kennzahlen je Monat (Momentaufnahmen)"),
}


@dataclass
class Section:
    key: str
    title: str
    summary: str
    definition: str
    headers: list[str]
    rows: list[list]
    charts: list[SafeString] = field(default_factory=list)  # charts.Chart (with .title)


def _kind_label(kind: str) -> str:
    return str(Partnership.Kind(kind).label)


def _stage_labels() -> dict[str, str]:
    return {
        "interest": _("Interesse"),
        "mandate": _("Auftrag"),
        "decision": _("Beschluss"),
        "signed": _("unterzeichnet"),
    }


def _step_labels() -> dict[str, str]:
    return {
        "profiles": _("Suchprofile"),
        "requests": _("Anfragen"),
        "cases": _("Anbahnungen"),
        "introductions": _("Vorstellungen"),
        "partnerships": _("Partnerschaften daraus"),
    }


def _activity_labels() -> dict[str, str]:
    return {
        "active": pgettext("statistics", "aktiv"),
        "dormant": pgettext("statistics", "ruhend"),
        "no_activity": _("keine Aktivität erfasst"),
    }


def _partnerships(n: int) -> str:
    return ngettext("%(n)s Partnerschaft", "%(n)s Partnerschaften", n) % {"n": n}


def _municipalities(n: int) -> str:
    return ngettext("%(n)s Gemeinde", "%(n)s Gemeinden", n) % {"n": n}


def definition(key: str) -> str:
    text = str(DEFINITIONS[key])
    if key == "activity":
        text = text % {"months": DORMANT_AFTER_MONTHS}
    return text


def percent_text(value: float) -> str:
    # the language's decimal separator: 9,1 % in German and Ukrainian, 9.1 % in English
    return f"{number_format(value, 1)}\u202f%"


def _build(key: str, data: dict, *, with_charts: bool) -> Section:
    key_figures = data["key"]
    lang = languages.active()
    title = str(TITLES[key])
    headers: list[str] = []
    rows: list[list] = []
    summary = ""
    svgs: list[SafeString] = []

    if key in ("per_year_kind", "per_year_formality"):
        years = data["per_year"]
        if key == "per_year_kind":
            columns = list(COUNTED_KINDS)
            headers = [_("Jahr"), *(_kind_label(k) for k in columns), _("gesamt")]
        else:
            columns = ["formal", "informal"]
            headers = [_("Jahr"), _("förmlich"), _("nicht förmlich"), _("gesamt")]
        rows = [[r["year"], *(r[c] for c in columns), r["total"]] for r in years]
        if years:
            first, last = years[0], years[-1]
            summary = _(
                "Ende %(first_year)s bestanden %(first)s, heute %(last)s, davon %(formal)s "
                "förmlich vereinbart."
            ) % {
                "first_year": first["year"],
                "first": _partnerships(first["total"]),
                "last": _partnerships(last["total"]),
                "formal": key_figures["formal"],
            }
        else:
            summary = _("Noch keine datierten Partnerschaften.")
        if key_figures["undated"]:
            summary += " " + ngettext(
                "%(n)s Partnerschaft ohne Datum fehlt in der Zeitreihe.",
                "%(n)s Partnerschaften ohne Datum fehlen in der Zeitreihe.",
                key_figures["undated"],
            ) % {"n": key_figures["undated"]}
        if with_charts and years:
            svgs.append(
                charts.bar_chart(
                    [str(r["year"]) for r in years],
                    [
                        (h, [r[c] for r in years])
                        for h, c in zip(headers[1:-1], columns, strict=True)
                    ],
                    title=title,
                    desc=summary,
                )
            )
    elif key in ("bezirke", "kreise"):
        names = (
            selectors.regierungsbezirke()
            if key == "bezirke"
            else {k: boundaries.kreis_name(k) for k in boundaries.kreise()}
        )
        headers = [
            _("Regierungsbezirk") if key == "bezirke" else _("Kreis oder kreisfreie Stadt"),
            _("Schlüssel (AGS)"),
            _("Partnerschaften"),
            _("Gemeinden mit ukrainischer Partnerschaft"),
            _("Gemeinden"),
            _("Anteil in %"),
        ]
        table = data[key]
        rows = [
            [
                names.get(r["code"], r["code"]),
                r["code"],
                r["partnerships"],
                r["municipalities_with_partner"],
                r["municipalities"],
                r["share"],
            ]
            for r in table
        ]
        summary = _(
            "%(with)s von %(all)s in NRW haben mindestens eine ukrainische Partnerschaft "
            "(%(share)s)."
        ) % {
            "with": _municipalities(key_figures["municipalities_with_partner"]),
            "all": key_figures["municipalities"],
            "share": percent_text(key_figures["share"]),
        }
        if key == "bezirke" and table:
            top = max(table, key=lambda r: r["partnerships"])
            summary += " " + _("Die meisten hat der Regierungsbezirk %(name)s: %(count)s.") % {
                "name": names.get(top["code"], top["code"]),
                "count": _partnerships(top["partnerships"]),
            }
        if with_charts and key == "bezirke":
            svgs.append(
                charts.hbar_chart(
                    [(names.get(r["code"], r["code"]), r["partnerships"]) for r in table],
                    title=title,
                    desc=summary,
                )
            )
        if with_charts and key == "kreise":
            outlines = boundaries.outline_map(boundaries.KREISE)
            svgs.append(
                charts.choropleth(
                    outlines,
                    {r["code"]: r["partnerships"] for r in table},
                    names,
                    title=_("Partnerschaften je Kreis"),
                    desc=summary,
                    shapes="kreis-",
                )
            )
            svgs.append(
                charts.choropleth(
                    outlines,
                    {r["code"]: r["share"] for r in table},
                    names,
                    title=_("Anteil der Gemeinden mit ukrainischer Partnerschaft je Kreis"),
                    desc=summary,
                    unit="\u202f%",
                    shapes="kreis-",
                    define=False,
                )
            )
    elif key == "oblasts":
        names = {code: boundaries.oblast_name(code, lang) for code in boundaries.oblasts()}
        headers = [_("Oblast"), _("Schlüssel (KATOTTG)"), _("Partnerschaften")]
        rows = [[names[r["code"]], r["code"], r["partnerships"]] for r in data["oblasts"]]
        with_any = [r for r in data["oblasts"] if r["partnerships"]]
        summary = ngettext(
            "Partnerschaften bestehen mit Partnern in %(n)s Oblast.",
            "Partnerschaften bestehen mit Partnern in %(n)s Oblasten.",
            len(with_any),
        ) % {"n": len(with_any)}
        if with_any:
            top = max(with_any, key=lambda r: r["partnerships"])
            summary += " " + _("Die meisten: %(name)s (%(count)s).") % {
                "name": names[top["code"]],
                "count": _partnerships(top["partnerships"]),
            }
        if with_charts:
            svgs.append(
                charts.choropleth(
                    boundaries.outline_map(boundaries.OBLASTS),
                    {r["code"]: r["partnerships"] for r in data["oblasts"]},
                    names,
                    title=_("Partnerschaften je Oblast"),
                    desc=summary,
                )
            )
    elif key == "pipeline":
        labels = _stage_labels()
        headers = [_("Stufe"), _("Suchprofile"), _("Register"), _("gesamt")]
        rows = [
            [labels[r["stage"]], r["profiles"], r["register"], r["total"]] for r in data["pipeline"]
        ]
        summary = "; ".join(f"{labels[r['stage']]}: {r['total']}" for r in data["pipeline"]) + "."
        if with_charts:
            svgs.append(
                charts.hbar_chart([(row[0], row[3]) for row in rows], title=title, desc=summary)
            )
    elif key in ("matchmaking", "activity"):
        labels = _step_labels() if key == "matchmaking" else _activity_labels()
        name = "step" if key == "matchmaking" else "state"
        headers = [_("Stufe") if key == "matchmaking" else _("Zustand"), _("Anzahl")]
        rows = [[labels[r[name]], r["count"]] for r in data[key]]
        summary = "; ".join(f"{label}: {value}" for label, value in rows) + "."
        if with_charts:
            svgs.append(charts.hbar_chart([(r[0], r[1]) for r in rows], title=title, desc=summary))
    elif key == "events":
        headers = [_("Jahr"), _("Veranstaltungen"), _("Teilnehmende")]
        rows = [[r["year"], r["events"], r["participants"]] for r in data["events"]]
        total = sum(r[1] for r in rows)
        summary = ngettext(
            "%(n)s Veranstaltung mit %(people)s Teilnehmenden insgesamt.",
            "%(n)s Veranstaltungen mit %(people)s Teilnehmenden insgesamt.",
            total,
        ) % {"n": total, "people": sum(r[2] for r in rows)}
        if with_charts and rows:
            svgs.append(
                charts.bar_chart(
                    [str(r[0]) for r in rows],
                    [(headers[1], [r[1] for r in rows]), (headers[2], [r[2] for r in rows])],
                    title=title,
                    desc=summary,
                    stacked=False,
                )
            )
    elif key == "subscribers":
        headers = [_("Monat"), _("Abonnent*innen")]
        rows = [[r["month"], r["subscribers"]] for r in data["subscribers"]]
        summary = ngettext(
            "Heute %(n)s Person mit bestätigtem Abonnement.",
            "Heute %(n)s Personen mit bestätigtem Abonnement.",
            key_figures["subscribers"],
        ) % {"n": key_figures["subscribers"]}
        if with_charts and rows:
            svgs.append(
                charts.line_chart(
                    [r[0] for r in rows],
                    [(headers[1], [r[1] for r in rows])],
                    title=title,
                    desc=summary,
                )
            )
    elif key == "snapshots":
        snaps = data.get("snapshots", [])
        fields = [
            ("partnerships", _("Partnerschaften")),
            ("formal", _("förmlich")),
            ("municipalities_with_partner", _("Gemeinden mit Partnerschaft")),
            ("active", pgettext("statistics", "aktiv")),
            ("dormant", pgettext("statistics", "ruhend")),
            ("subscribers", _("Abonnent*innen")),
            ("profiles", _("Suchprofile")),
        ]
        headers = [_("Monat"), *(label for _f, label in fields)]
        rows = [[s["month"], *(s[f] for f, _label in fields)] for s in snaps]
        summary = (
            ngettext(
                "%(n)s monatliche Momentaufnahme.", "%(n)s monatliche Momentaufnahmen.", len(rows)
            )
            % {"n": len(rows)}
            if rows
            else _("Noch keine Momentaufnahme: die erste entsteht zum nächsten Monatsende.")
        )
        if with_charts and len(rows) > 1:
            svgs.append(
                charts.line_chart(
                    [r[0] for r in rows],
                    [(label, [s[f] for s in snaps]) for f, label in fields[:4]],
                    title=title,
                    desc=summary,
                )
            )
    return Section(key, title, summary, definition(key), headers, rows, svgs)


def sections(data: dict, *, with_charts: bool = True) -> list[Section]:
    return [_build(key, data, with_charts=with_charts) for key in KEYS]


def section(data: dict, key: str) -> Section:
    return _build(key, data, with_charts=False)


def date_display(day: date) -> str:
    return date_format(day, "DATE_FORMAT")


def as_of_display(data: dict) -> str:
    return date_display(date.fromisoformat(data["as_of"]))


def scope() -> str:
    return str(SCOPE)


def counting_rule() -> str:
    return COUNTING_RULE

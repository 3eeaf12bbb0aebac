"""How a place is shown where namesakes must be told apart (partner picker)."""

from __future__ import annotations


def place_label(actor) -> str:
    """ "Malyn – Hromada, Rajon Korostenskyj, Oblast Schytomyr" in the active language."""
    parts = [str(actor.get_kind_display())]
    seen = {actor.pk}
    for area in (actor.district, actor.region):
        if area is not None and area.pk not in seen:
            parts.append(area.name)
            seen.add(area.pk)
    if len(parts) == 1 and actor.admin_area:
        parts.append(actor.admin_area)
    return f"{actor.name} – {', '.join(parts)}"


def place_choice(match) -> dict:
    """One candidate of the picker's JSON answer (no personal data: public reference)."""
    return {"id": match.actor.pk, "label": place_label(match.actor), "name": match.actor.name}

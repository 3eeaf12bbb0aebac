"""The suggestion weights: one row, changed by staff in the admin."""

from __future__ import annotations

from django.db import transaction

from partnerships.matchmaking.models import SuggestionWeights


@transaction.atomic
def suggestion_weights_update(*, data: dict[str, float], by=None) -> SuggestionWeights:
    weights = SuggestionWeights.objects.select_for_update().get(pk=SuggestionWeights.current().pk)
    for name in SuggestionWeights.FACTORS:
        if name in data:
            setattr(weights, name, float(data[name]))
    weights.updated_by = by
    if by is not None:
        weights._history_user = by
    weights.full_clean()
    weights.save()
    return weights

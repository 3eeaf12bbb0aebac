"""The suggestion weights: one row, changed by staff in the admin."""

from __future__ import annotations

from django.db import transaction

from partnerships.matchmaking.models import SuggestionWeights


@transaction.atomic
def suggestion_weights_update(*, by=None, **factors: float) -> SuggestionWeights:
    """Set the given factors' weights (e.g. ``size=3``); a name that is no factor raises."""
    unknown = set(factors) - set(SuggestionWeights.FACTORS)
    if unknown:
        raise TypeError(f"no such factor: {', '.join(sorted(unknown))}")
    weights = SuggestionWeights.objects.select_for_update().get(pk=SuggestionWeights.current().pk)
    for name, value in factors.items():
        setattr(weights, name, float(value))
    weights.updated_by = by
    if by is not None:
        weights._history_user = by
    weights.full_clean()
    weights.save()
    return weights

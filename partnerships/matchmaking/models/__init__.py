"""Models of the partner search, one module per concern."""

from partnerships.matchmaking.models.profiles import (
    Language,
    OriginStatistic,
    SearchProfile,
    SuggestionWeights,
)
from partnerships.matchmaking.models.reference import PlaceFacts, Twinning

__all__ = [
    "Language",
    "OriginStatistic",
    "PlaceFacts",
    "SearchProfile",
    "SuggestionWeights",
    "Twinning",
]

"""Models of the partner search, one module per concern."""

from partnerships.matchmaking.models.profiles import (
    PROFILE_VALIDITY_DAYS,
    Language,
    OriginStatistic,
    SearchProfile,
    SuggestionWeights,
)
from partnerships.matchmaking.models.reference import PlaceFacts, Twinning
from partnerships.matchmaking.models.requests import ContactRequest, PartnerRequest

__all__ = [
    "PROFILE_VALIDITY_DAYS",
    "ContactRequest",
    "Language",
    "OriginStatistic",
    "PartnerRequest",
    "PlaceFacts",
    "SearchProfile",
    "SuggestionWeights",
    "Twinning",
]

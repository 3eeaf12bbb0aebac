"""Models of the partner search, one module per concern."""

from partnerships.matchmaking.models.cases import (
    OPEN_STATES,
    TRANSITIONS,
    CaseCandidate,
    CaseEvent,
    CaseState,
    CloseReason,
    IntroductionAnswer,
    MatchCase,
)
from partnerships.matchmaking.models.notifications import (
    MatchNotice,
    MatchNotificationPreference,
    MutualMatch,
)
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
    "OPEN_STATES",
    "PROFILE_VALIDITY_DAYS",
    "TRANSITIONS",
    "CaseCandidate",
    "CaseEvent",
    "CaseState",
    "CloseReason",
    "ContactRequest",
    "IntroductionAnswer",
    "Language",
    "MatchCase",
    "MatchNotice",
    "MatchNotificationPreference",
    "MutualMatch",
    "OriginStatistic",
    "PartnerRequest",
    "PlaceFacts",
    "SearchProfile",
    "SuggestionWeights",
    "Twinning",
]

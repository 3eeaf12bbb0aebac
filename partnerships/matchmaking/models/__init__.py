"""Models of the partner search, one module per concern."""

from partnerships.matchmaking.models.reference import PlaceFacts, Twinning

__all__ = ["PlaceFacts", "Twinning"]

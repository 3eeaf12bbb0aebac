"""The partner search in the admin: profiles with their suggestions, the weights with a
preview, origin statistics and the read-only reference facts."""

from partnerships.matchmaking.admin import profiles, reference, weights

__all__ = ["profiles", "reference", "weights"]

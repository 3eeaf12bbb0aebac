"""The partner search in the admin: profiles with their suggestions, the weights with a
preview, origin statistics and the read-only reference facts."""

from partnerships.matchmaking.admin import cases, profiles, reference, requests, weights

__all__ = ["cases", "profiles", "reference", "requests", "weights"]

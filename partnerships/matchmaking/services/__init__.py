"""Writes of the partner search, one module per concern. Views, admin, tasks and commands
call these."""

from partnerships.matchmaking.services.profiles import (
    clean_text,
    search_profile_extend,
    search_profile_normalise,
    search_profile_save,
)
from partnerships.matchmaking.services.weights import suggestion_weights_update

__all__ = [
    "clean_text",
    "search_profile_extend",
    "search_profile_normalise",
    "search_profile_save",
    "suggestion_weights_update",
]

"""Writes of the partner search, one module per concern. Views, admin, tasks and commands
call these."""

from partnerships.matchmaking.services.profiles import (
    clean_text,
    search_profile_delete,
    search_profile_extend,
    search_profile_normalise,
    search_profile_save,
)
from partnerships.matchmaking.services.requests import (
    RequestStateError,
    contact_request_create,
    contact_request_decline,
    contact_request_forward,
    contact_request_notify_staff,
    contact_request_send_forward,
    partner_request_accept,
    partner_request_create,
    partner_request_decline,
    partner_request_notify_staff,
)
from partnerships.matchmaking.services.weights import suggestion_weights_update

__all__ = [
    "RequestStateError",
    "clean_text",
    "contact_request_create",
    "contact_request_decline",
    "contact_request_forward",
    "contact_request_notify_staff",
    "contact_request_send_forward",
    "partner_request_accept",
    "partner_request_create",
    "partner_request_decline",
    "partner_request_notify_staff",
    "search_profile_delete",
    "search_profile_extend",
    "search_profile_normalise",
    "search_profile_save",
    "suggestion_weights_update",
]

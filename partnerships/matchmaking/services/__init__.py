"""Writes of the partner search, one module per concern. Views, admin, tasks and commands
call these."""

from partnerships.matchmaking.services import introductions
from partnerships.matchmaking.services.cases import (
    FORMAL_KINDS,
    TransitionRefused,
    case_introduce,
    case_open,
    case_reminders_send,
    case_shortlist,
    case_transition,
)
from partnerships.matchmaking.services.introductions import (
    answer_check,
    answer_url,
    introduction_answer_record,
)
from partnerships.matchmaking.services.notifications import (
    match_notifications_set,
    mutual_match_notifications_send,
    mutual_matches_refresh,
    opt_out_token,
    opt_out_user_id,
    request_ip_addresses_purge,
    search_profile_expiry_reminders_send,
)
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
    partner_request_accept,
    partner_request_create,
    partner_request_decline,
)
from partnerships.matchmaking.services.weights import suggestion_weights_update

__all__ = [
    "FORMAL_KINDS",
    "RequestStateError",
    "TransitionRefused",
    "answer_check",
    "answer_url",
    "case_introduce",
    "case_open",
    "case_reminders_send",
    "case_shortlist",
    "case_transition",
    "clean_text",
    "contact_request_create",
    "contact_request_decline",
    "contact_request_forward",
    "introduction_answer_record",
    "introductions",
    "match_notifications_set",
    "mutual_match_notifications_send",
    "mutual_matches_refresh",
    "opt_out_token",
    "opt_out_user_id",
    "partner_request_accept",
    "partner_request_create",
    "partner_request_decline",
    "request_ip_addresses_purge",
    "search_profile_delete",
    "search_profile_expiry_reminders_send",
    "search_profile_extend",
    "search_profile_normalise",
    "search_profile_save",
    "suggestion_weights_update",
]

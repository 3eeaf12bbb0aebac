"""Use cases of the Bedarfsbörse (called by views, admin actions, tasks and commands)."""

from partnerships.exchange.services.items import (
    contact_request_create,
    contact_request_decline,
    contact_request_forward,
    item_document_add,
    item_document_remove,
    item_files_add,
    item_photo_add,
    item_photo_remove,
    item_save,
    message_post,
)
from partnerships.exchange.services.lifecycle import (
    ACTIONS,
    TransitionRefused,
    allowed_actions,
    current_match,
    handover_photo_remove,
    handover_record,
    item_reserve,
    item_step,
    items_expire,
    use_report_submit,
)
from partnerships.exchange.services.notifications import (
    digests_send,
    follow_disable,
    follow_set,
    use_report_reminders_send,
)

__all__ = [
    "ACTIONS",
    "TransitionRefused",
    "allowed_actions",
    "contact_request_create",
    "contact_request_decline",
    "contact_request_forward",
    "current_match",
    "digests_send",
    "follow_disable",
    "follow_set",
    "handover_photo_remove",
    "handover_record",
    "item_document_add",
    "item_document_remove",
    "item_files_add",
    "item_photo_add",
    "item_photo_remove",
    "item_reserve",
    "item_save",
    "item_step",
    "items_expire",
    "message_post",
    "use_report_reminders_send",
    "use_report_submit",
]

"""Writing needs and offers: create and edit (texts per language, typed input checked),
photos and documents through the upload policies, the thread of a match, and the public's
message through the Netzwerkstelle."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.exchange.models import (
    QUANTITY_MAX,
    Category,
    ContactRequest,
    Item,
    ItemDocument,
    ItemPhoto,
    Match,
    Message,
    State,
)
from partnerships.exchange.permissions import can_edit_item, can_post, can_view_match
from partnerships.matchmaking.services.profiles import clean_text  # the same rule
from partnerships.matchmaking.services.requests import (  # the Partnersuche's way
    contact_request_send_on,
    contact_request_settle,
    office_message_create,
)
from partnerships.models import Actor, ActorEditor
from portal import languages
from portal.models import Horizon

EDITABLE_STATES = (State.DRAFT, State.PUBLISHED)
CONTACT_STAFF = "partnerships/exchange/emails/contact_staff"
CONTACT_FORWARD = "partnerships/exchange/emails/contact_forward"


def item_validate(
    *, kind: str, actor: Actor, quantity: int, needed_by: date | None, valid_until: date
) -> None:
    """The rules every item keeps, whoever writes it (form, admin, import)."""
    errors: dict[str, list[str]] = {}
    if actor.country != Item.SIDE.get(kind):
        errors.setdefault("actor", []).append(
            _("Bedarfe kommen von ukrainischen Akteuren, Angebote von Akteuren aus NRW.")
        )
    if not 1 <= quantity <= QUANTITY_MAX:
        errors.setdefault("quantity", []).append(
            _("Die Menge muss zwischen 1 und %(max)s liegen.") % {"max": QUANTITY_MAX}
        )
    today = timezone.localdate()
    if valid_until < today:
        errors.setdefault("valid_until", []).append(
            _("„Gültig bis“ darf nicht in der Vergangenheit liegen.")
        )
    if valid_until > today.replace(year=today.year + 2):
        errors.setdefault("valid_until", []).append(
            _("„Gültig bis“ darf höchstens zwei Jahre in der Zukunft liegen.")
        )
    if needed_by is not None and kind == Item.Kind.NEED and needed_by < today:
        errors.setdefault("needed_by", []).append(
            _("Das Datum, bis wann es gebraucht wird, liegt in der Vergangenheit.")
        )
    if needed_by is not None and kind == Item.Kind.OFFER and needed_by > valid_until:
        errors.setdefault("needed_by", []).append(
            _("Das Angebot kann nicht erst nach „gültig bis“ verfügbar sein.")
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def item_save(
    *,
    item: Item | None,
    by,
    kind: str,
    actor: Actor,
    category: str,
    horizon: Horizon,
    title: dict[str, str],
    description: dict[str, str],
    quantity: int,
    unit: str = "",
    urgency: int = 1,
    needed_by: date | None = None,
    valid_until: date,
    registry_id: str = "",
    source_language: str = languages.SOURCE,
    publish: bool = False,
) -> Item:
    """Create or edit an item (drafts and published items only). ``title`` and
    ``description`` map language codes to text; missing languages stay empty and fall back
    to German when shown (the page marks them as missing)."""
    if item is None:
        if by is not None and not can_post(by, actor=actor, kind=kind):
            raise PermissionDenied
        item = Item(kind=kind, created_by=by if getattr(by, "pk", None) else None)
    else:
        if by is not None and not can_edit_item(by, item):
            raise PermissionDenied
        if item.state not in EDITABLE_STATES:
            raise ValidationError(
                _("Im Stand „%(state)s“ ist das nicht mehr änderbar.")
                % {"state": item.get_state_display()}
            )
        kind = item.kind
    if category not in Category.values:
        raise ValidationError({"category": [_("Unbekannte Kategorie.")]})
    item_validate(
        kind=kind, actor=actor, quantity=quantity, needed_by=needed_by, valid_until=valid_until
    )
    titles = {code: clean_text(title.get(code, ""))[:160] for code in languages.CODES}
    if not any(titles.values()):
        raise ValidationError({"title": [_("Bitte einen Titel in mindestens einer Sprache.")]})
    item.actor = actor
    item.category = category
    item.horizon = horizon
    for code in languages.CODES:
        setattr(item, f"title_{code}", titles[code])
        setattr(item, f"description_{code}", clean_text(description.get(code, "")))
    item.quantity = quantity
    item.unit = clean_text(unit)[:30]
    item.urgency = urgency
    item.needed_by = needed_by
    item.valid_until = valid_until
    item.registry_id = registry_id.strip() if category == Category.RECONSTRUCTION else ""
    item.source_language = languages.known(source_language)
    item.full_clean(exclude=["created_by", "state_changed_at", "title"])
    item.save()
    if publish and item.state == State.DRAFT:
        from partnerships.exchange.services.lifecycle import item_step

        item = item_step(item=item, action="publish", by=by)
    return item


def item_photo_add(*, item: Item, by, file, alt_text: str) -> ItemPhoto:
    """A photo, re-encoded without EXIF/GPS by the image policy."""
    return _item_file_add(ItemPhoto(item=item, alt_text=_label(alt_text, item)), "photo", by, file)


def item_document_add(*, item: Item, by, file, title: str) -> ItemDocument:
    return _item_file_add(ItemDocument(item=item, title=_label(title, item)), "document", by, file)


def _label(text: str, item: Item) -> str:
    return clean_text(text)[:200] or item.title


@transaction.atomic
def _item_file_add(attachment, name: str, by, file):
    """Store an item's photo or document (through the field's upload validator)."""
    if by is not None and not can_edit_item(by, attachment.item):
        raise PermissionDenied
    attachment.file.save(name, file, save=False)
    attachment.save()
    return attachment


def _file_title(file) -> str:
    """The uploader's file name without folder and extension, as a document's title."""
    name = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0].replace("_", " ")


@transaction.atomic
def item_files_add(
    *, item: Item, by, photos=(), alt_text: str = "", documents=()
) -> tuple[list[ItemPhoto], list[ItemDocument]]:
    """Several photos (each re-encoded without EXIF/GPS) and documents at once — all or none."""
    if (photos or documents) and by is not None and not can_edit_item(by, item):
        raise PermissionDenied
    added_photos = [item_photo_add(item=item, by=by, file=f, alt_text=alt_text) for f in photos]
    added_documents = [
        item_document_add(item=item, by=by, file=f, title=_file_title(f)) for f in documents
    ]
    return added_photos, added_documents


def _file_remove(record, *, by) -> None:
    item = record.item
    if by is not None and not can_edit_item(by, item):
        raise PermissionDenied
    if item.state not in EDITABLE_STATES:
        raise ValidationError(
            _("Im Stand „%(state)s“ ist das nicht mehr änderbar.")
            % {"state": item.get_state_display()}
        )
    file_delete(record)


def file_delete(record) -> None:
    """Delete an attachment's row, and its bytes once the row is gone for good (a rollback
    keeps both)."""
    storage, name = record.file.storage, record.file.name
    record.delete()
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def item_photo_remove(*, photo: ItemPhoto, by) -> None:
    """Remove one photo of a draft or published item (its file is deleted too)."""
    _file_remove(photo, by=by)


@transaction.atomic
def item_document_remove(*, document: ItemDocument, by) -> None:
    _file_remove(document, by=by)


@transaction.atomic
def message_post(*, match: Match, by, body: str) -> Message:
    if not can_view_match(by, match):
        raise PermissionDenied
    body = clean_text(body)
    if not body:
        raise ValidationError({"body": [_("Die Nachricht ist leer.")]})
    return Message.objects.create(match=match, author=by, body=body[:3000])


@transaction.atomic
def contact_request_create(
    *,
    item: Item,
    name: str,
    organisation: str,
    email: str,
    message: str,
    language: str,
    consent_text: str,
    ip_address: str | None,
) -> ContactRequest:
    """The public's message to an item's owners, for the Netzwerkstelle to pass on."""
    return office_message_create(
        ContactRequest,
        about={"item": item},
        staff_template=CONTACT_STAFF,
        name=name,
        organisation=organisation,
        email=email,
        message=message,
        language=language,
        consent_text=consent_text,
        ip_address=ip_address,
    )


def contact_recipients(item: Item) -> list[tuple[str, str]]:
    """Who receives a forwarded message: the actor's active editors, each in their language;
    an actor without editors: its contact address, in its side's language."""
    editors = (
        ActorEditor.objects.filter(actor_id=item.actor_id, user__is_active=True)
        .select_related("user")
        .order_by("pk")
    )
    recipients = [(e.user.email, languages.known(e.user.language)) for e in editors if e.user.email]
    if not recipients and item.actor.contact_email:
        language = "uk" if item.actor.country == "UA" else languages.SOURCE
        recipients = [(item.actor.contact_email, language)]
    return recipients


@transaction.atomic
def contact_request_forward(*, request: ContactRequest, by) -> ContactRequest:
    """Staff pass the public's message on to the item's actor (the sender consented to that):
    once, by email in each recipient's language after the commit; the sender is the reply-to.
    Until then the actor's side sees nothing of the sender."""
    recipients = contact_recipients(request.item)
    if not recipients:
        raise ValidationError(
            _(
                "%(actor)s hat keine Redaktion und keine Kontakt-E-Mail-Adresse; bitte nehmen "
                "Sie selbst Kontakt auf und markieren Sie die Nachricht dann als erledigt."
            )
            % {"actor": request.item.actor.name}
        )
    return contact_request_send_on(request, by=by, template=CONTACT_FORWARD, recipients=recipients)


@transaction.atomic
def contact_request_decline(*, request: ContactRequest, by) -> ContactRequest:
    return contact_request_settle(request, status=ContactRequest.Status.DECLINED, by=by)

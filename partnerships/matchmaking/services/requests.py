"""The public forms' requests: a message to a profile's owners, forwarded by staff with the
sender's consent, and "Wir suchen einen Partner" from actors without an account."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from partnerships.matchmaking.models import ContactRequest, PartnerRequest, SearchProfile
from partnerships.matchmaking.services.profiles import clean_text, search_profile_save
from partnerships.models import Actor
from portal import languages
from portal.outbox import email_queue
from portal.services import staff_notify

CONTACT_STAFF = "partnerships/matchmaking/emails/contact_staff"
CONTACT_FORWARD = "partnerships/matchmaking/emails/contact_forward"
PARTNER_REQUEST_STAFF = "partnerships/matchmaking/emails/partner_request_staff"


class RequestStateError(Exception):
    """The request was already handled."""


@transaction.atomic
def contact_request_create(
    *,
    profile: SearchProfile,
    name: str,
    organisation: str,
    email: str,
    message: str,
    language: str,
    consent_text: str,
    ip_address: str | None,
) -> ContactRequest:
    """Store a message to a profile's owners; the staff hear of it once it is committed."""
    return office_message_create(
        ContactRequest,
        about={"profile": profile},
        staff_template=CONTACT_STAFF,
        name=name,
        organisation=organisation,
        email=email,
        message=message,
        language=language,
        consent_text=consent_text,
        ip_address=ip_address,
    )


def office_message_create(
    model,
    *,
    about: dict,
    staff_template: str,
    name: str,
    organisation: str,
    email: str,
    message: str,
    language: str,
    consent_text: str,
    ip_address: str | None,
):
    """A message from the public through the office (``OfficeContactMessage``: a profile's
    or a need's/offer's contact request, ``about`` names which), cleaned as every public
    text; the staff are told once it is committed, with the sender as reply-to."""
    request = model.objects.create(
        **about,
        name=name.strip(),
        organisation=organisation.strip(),
        email=email.strip().lower(),
        message=clean_text(message),
        language=language,
        consent_text=consent_text,
        consent_at=timezone.now(),
        ip_address=ip_address,
    )
    staff_notify(
        template=staff_template, context={"contact_request_id": request.pk}, reply_to=request.email
    )
    return request


def contact_request_settle(request, *, status: str, by, **values):
    """Move a new public message (a Partnersuche or a Bedarfsbörse ``ContactRequest``: any
    model with ``status`` and ``forwarded_by``) to ``status`` — exactly once: a conditional
    update, so a second click or a parallel request finds it handled (``RequestStateError``)."""
    model = type(request)
    updated = model.objects.filter(pk=request.pk, status=model.Status.NEW).update(
        status=status, forwarded_by=by, **values
    )
    if not updated:
        raise RequestStateError(request.pk)
    request.refresh_from_db()
    return request


def contact_request_send_on(request, *, by, template: str, recipients):
    """Staff pass a public message on (the sender consented to exactly that): mark it
    forwarded once, then queue one email per ``(address, language)`` in ``recipients``, with
    the sender as reply-to. The rows hold only the request's id; they go after the commit."""
    contact_request_settle(
        request, status=request.Status.FORWARDED, by=by, forwarded_at=timezone.now()
    )
    for to, language in dict(recipients).items():
        email_queue(
            template=template,
            to=to,
            language=language,
            reply_to=request.email,
            context={"contact_request_id": request.pk},
        )
    return request


@transaction.atomic
def contact_request_forward(*, request: ContactRequest, by) -> ContactRequest:
    """Staff pass the message on to the profile's contact (the sender consented to that),
    by email in the contact's language after the commit."""
    profile = request.profile
    return contact_request_send_on(
        request,
        by=by,
        template=CONTACT_FORWARD,
        recipients=[(profile.contact_email, profile.contact_language)],
    )


@transaction.atomic
def contact_request_decline(*, request: ContactRequest, by) -> ContactRequest:
    return contact_request_settle(request, status=ContactRequest.Status.DECLINED, by=by)


@transaction.atomic
def partner_request_create(
    *,
    organisation: str,
    organisation_kind: str,
    country: str,
    seeks: str,
    contact_name: str,
    contact_email: str,
    place: str = "",
    offers: str = "",
    contact_phone: str = "",
    themes=(),
    language: str,
    consent_text: str,
    ip_address,
):
    """Store a "Wir suchen einen Partner" request; the staff hear of it after the commit."""
    request = PartnerRequest.objects.create(
        organisation=organisation,
        organisation_kind=organisation_kind,
        country=country,
        place=place,
        seeks=clean_text(seeks),
        offers=clean_text(offers),
        contact_name=contact_name,
        contact_email=contact_email.strip().lower(),
        contact_phone=contact_phone,
        language=language,
        consent_text=consent_text,
        consent_at=timezone.now(),
        ip_address=ip_address,
    )
    request.themes.set(themes)
    staff_notify(
        template=PARTNER_REQUEST_STAFF,
        context={"partner_request_id": request.pk},
        reply_to=request.contact_email,
    )
    return request


@transaction.atomic
def partner_request_accept(*, request: PartnerRequest, actor: Actor, by) -> SearchProfile:
    """Turn a request into a staff-only search profile of ``actor`` (staff publish it once
    the actor agrees) and a matchmaking case in the state "received"."""
    locked = PartnerRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != PartnerRequest.Status.RECEIVED:
        raise RequestStateError(request.pk)
    language = languages.known(locked.language)
    profile = search_profile_save(
        profile=SearchProfile(actor=actor),
        by=by,
        themes=list(locked.themes.values_list("pk", flat=True)),
        visibility=SearchProfile.Visibility.STAFF,
        contact_name=locked.contact_name,
        contact_email=locked.contact_email,
        contact_phone=locked.contact_phone,
        contact_language=language,
        **{f"needs_{language}": locked.seeks, f"offers_{language}": locked.offers},
    )
    locked.status = PartnerRequest.Status.ACCEPTED
    locked.actor = actor
    locked.profile = profile
    locked.save(update_fields=["status", "actor", "profile"])
    from partnerships.matchmaking.services.cases import case_open

    case_open(profile=profile, by=by, note=locked.organisation)
    return profile


@transaction.atomic
def partner_request_decline(*, request: PartnerRequest, by) -> PartnerRequest:
    updated = PartnerRequest.objects.filter(
        pk=request.pk, status=PartnerRequest.Status.RECEIVED
    ).update(status=PartnerRequest.Status.DECLINED)
    if not updated:
        raise RequestStateError(request.pk)
    request.refresh_from_db()
    return request

"""Registrants' emails move to the portal's outbox (``portal/outbox.py``).

The rows of ``events.Notification`` are copied into ``portal.OutboundEmail`` (the sent ones
as sent, the others pending, for beat's dispatch), the database function of migration 0005
writes its email into the outbox instead, and the notification table goes.
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION events_registration_take(
    p_event_id bigint,
    p_name text,
    p_email text,
    p_organisation text,
    p_organisation_kind text,
    p_accessibility_needs text,
    p_question text,
    p_language text,
    p_consent_text text,
    p_manage_token text,
    p_join_token text,
    p_now timestamptz
) RETURNS TABLE (outcome text, registration_id bigint, waitlist_position integer)
LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    ev record;
    taken integer;
    last_position integer;
    existing record;
    new_status text;
    new_position integer;
BEGIN
    SELECT e.id, e.status, e.start, e.capacity, e.registration_opens, e.registration_closes
      INTO ev FROM events_event e WHERE e.id = p_event_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'not_found'::text, NULL::bigint, NULL::integer;
        RETURN;
    END IF;
    -- Draft, cancelled, started, window not open or closed: the caller says which.
    IF ev.status <> 'published' OR ev.start <= p_now
       OR (ev.registration_opens IS NOT NULL AND p_now < ev.registration_opens)
       OR (ev.registration_closes IS NOT NULL AND p_now > ev.registration_closes) THEN
        RETURN QUERY SELECT 'closed'::text, NULL::bigint, NULL::integer;
        RETURN;
    END IF;

    SELECT r.id, r.status, r.waitlist_position, r.email, r.language
      INTO existing FROM events_registration r
     WHERE r.event_id = p_event_id AND lower(r.email) = lower(p_email);
    IF FOUND THEN
        IF existing.status = 'cancelled' THEN  -- comes back to life: the caller's ORM path
            RETURN QUERY SELECT 'revive'::text, existing.id, NULL::integer;
            RETURN;
        END IF;
        RETURN QUERY
            INSERT INTO portal_outboundemail (
                template, to_email, reply_to, language, context, status, created_at,
                attempts, possibly_duplicate, last_error)
            VALUES (
                'events/emails/duplicate', existing.email, '', existing.language,
                jsonb_build_object('registration_id', existing.id), 'pending', p_now,
                0, false, '')
            RETURNING 'duplicate'::text, existing.id, existing.waitlist_position;
        RETURN;
    END IF;

    SELECT count(*) FILTER (WHERE r.status IN ('confirmed', 'attended')),
           coalesce(max(r.waitlist_position) FILTER (WHERE r.status = 'waitlisted'), 0)
      INTO taken, last_position
      FROM events_registration r WHERE r.event_id = p_event_id;
    IF (ev.capacity IS NULL OR taken < ev.capacity) AND last_position = 0 THEN
        new_status := 'confirmed';
        new_position := NULL;
    ELSE
        new_status := 'waitlisted';
        new_position := last_position + 1;
    END IF;

    RETURN QUERY
    WITH registration AS (
        INSERT INTO events_registration (
            event_id, name, email, organisation, organisation_kind, accessibility_needs,
            question, language, consent, consent_text, consent_at, status, waitlist_position,
            manage_token, join_token, created_at, updated_at)
        VALUES (
            p_event_id, p_name, p_email, p_organisation, p_organisation_kind,
            p_accessibility_needs, p_question, p_language, true, p_consent_text, p_now,
            new_status, new_position, p_manage_token, p_join_token, p_now, p_now)
        RETURNING *
    ), history AS (
        INSERT INTO events_historicalregistration (
            id, event_id, name, email, organisation, organisation_kind, accessibility_needs,
            question, language, consent, consent_text, consent_at, status, waitlist_position,
            reminder_sent_at, cancelled_at, anonymised_at, created_at, updated_at,
            history_date, history_change_reason, history_type, history_user_id)
        SELECT id, event_id, name, email, organisation, organisation_kind, accessibility_needs,
               question, language, consent, consent_text, consent_at, status, waitlist_position,
               reminder_sent_at, cancelled_at, anonymised_at, created_at, updated_at,
               p_now, NULL, '+', NULL
          FROM registration
    ), email AS (
        INSERT INTO portal_outboundemail (
            template, to_email, reply_to, language, context, status, created_at,
            attempts, possibly_duplicate, last_error)
        SELECT 'events/emails/' || new_status, email, '', language,
               jsonb_build_object('registration_id', id), 'pending', p_now, 0, false, ''
          FROM registration
        RETURNING (context ->> 'registration_id')::bigint AS registration_id
    )
    SELECT new_status, e.registration_id, new_position FROM email e;
END;
$$;
"""


def copy_notifications(apps, schema_editor):
    Notification = apps.get_model("events", "Notification")
    OutboundEmail = apps.get_model("portal", "OutboundEmail")
    emails = []
    for n in Notification.objects.select_related("registration").iterator(chunk_size=2000):
        context = {"registration_id": n.registration_id}
        if n.message_id:
            context["message_id"] = n.message_id
        emails.append(
            OutboundEmail(
                template=f"events/emails/{n.kind}",
                to_email="" if n.registration.anonymised_at else n.registration.email,
                language=n.registration.language or "de",
                context=context,
                dedupe_key=(
                    f"events.message.{n.message_id}.{n.registration_id}" if n.message_id else None
                ),
                status="sent" if n.sent_at else ("skipped" if n.registration.anonymised_at else "pending"),
                created_at=n.created_at,
                sent_at=n.sent_at,
                attempts=n.attempts,
                last_error="" if n.registration.anonymised_at else n.last_error,
            )
        )
    OutboundEmail.objects.bulk_create(emails, batch_size=2000)


def replace_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


class Migration(migrations.Migration):

    dependencies = [
        ('events', '0007_upload_fields'),
        ('portal', '0006_outbound_email'),
    ]

    operations = [
        migrations.RunPython(copy_notifications, migrations.RunPython.noop),
        migrations.RunPython(replace_function, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='Notification',
        ),
    ]

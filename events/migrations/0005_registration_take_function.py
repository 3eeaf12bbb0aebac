"""PostgreSQL function that takes a place (or a waiting-list position) in one round trip.

``events.services.registration_create`` calls it for the common case on PostgreSQL: lock
the event row, check that it takes registrations, count places and the waiting list,
refuse a second registration with the same email (any spelling), insert the registration,
its history row and its confirmation email (a ``Notification``). Each statement inside a
VOLATILE PL/pgSQL function gets a fresh snapshot, so the counts are read *after* the row
lock is held: the same guarantee as ``SELECT ... FOR UPDATE`` followed by the count in
Python, without six round trips while holding the lock.

The rule is the same as the ORM path in ``events.services.places._registration_create_orm`` (used on
SQLite and for a cancelled registration coming back); ``tests/events`` runs the
registration tests through both. If a field is added to ``Registration``, replace this
function in a new migration (``test_sql_function_writes_every_field`` fails until then).
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

    SELECT r.id, r.status, r.waitlist_position INTO existing FROM events_registration r
     WHERE r.event_id = p_event_id AND lower(r.email) = lower(p_email);
    IF FOUND THEN
        IF existing.status = 'cancelled' THEN  -- comes back to life: the caller's ORM path
            RETURN QUERY SELECT 'revive'::text, existing.id, NULL::integer;
            RETURN;
        END IF;
        RETURN QUERY
            INSERT INTO events_notification (registration_id, kind, created_at, attempts, last_error)
            VALUES (existing.id, 'duplicate', p_now, 0, '')
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
    ), notification AS (
        INSERT INTO events_notification (registration_id, kind, created_at, attempts, last_error)
        SELECT id, new_status, p_now, 0, '' FROM registration
        RETURNING registration_id
    )
    SELECT new_status, n.registration_id, new_position FROM notification n;
END;
$$;
"""

DROP = "DROP FUNCTION IF EXISTS events_registration_take(bigint, text, text, text, text, text, text, text, text, text, text, timestamptz);"  # noqa: E501


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("events", "0004_event_related_partnerships")]

    operations = [migrations.RunPython(create, drop)]

"""Serving uploaded files: only to whom may see their owner, never as a page of the portal.

Every file under ``/media/`` goes through ``media_serve``: the path must be the stored name
of an ``UploadField`` value, and the field's ``visible_to`` predicate must allow the user
to see the record (a draft portrait's images: its editors and the staff; a replaced or
deleted file: nobody). The record's state is read at request time, so there is no moment in
which a draft's file is public and nothing has to move when something is published.

The bytes are sent by Django (embedded mode, development), or, with
``MEDIA_ACCEL_REDIRECT_PREFIX`` set, by the proxy: the response is empty and names the
file in ``X-Accel-Redirect`` (deploy/Caddyfile serves it from the media volume).

Every response carries ``X-Content-Type-Options: nosniff``, a Content-Security-Policy that
allows nothing to run (``sandbox`` except for PDFs, whose viewers refuse to work in a
sandbox), a Content-Type from the stored extension (which the upload check decided), and
``Content-Disposition: attachment`` for anything that is not an image or a PDF.
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

from django.apps import apps
from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from portal.uploads.fields import UploadField
from portal.uploads.formats import format_for_name

SANDBOX_POLICY = "default-src 'none'; sandbox"
# Browsers' PDF viewers do not run in a sandboxed document (Chromium issue 413851, Safari).
PDF_POLICY = "default-src 'none'"


@functools.cache
def upload_fields() -> tuple[tuple[str, type, UploadField], ...]:
    """(folder, model, field) of every UploadField, the longest folder first."""
    entries = [
        (field.folder, model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, UploadField) and field.model is model
    ]
    return tuple(sorted(entries, key=lambda entry: -len(entry[0])))


def upload_owner(name: str):
    """(record, field) whose UploadField holds the stored file ``name``, or None."""
    for folder, model, field in upload_fields():
        if name.startswith(folder):
            # select_related(): the non-null foreign keys (the partnership of an image, the
            # resource of a file) that the visibility predicates read, in the same query.
            owner = model._default_manager.filter(**{field.name: name})
            owner = owner.select_related().order_by()[:1]
            for record in owner:
                return record, field
    return None


def stored_file_response(
    *, name: str, download_name: str = "", cache_control: str = "private, no-cache"
) -> HttpResponse:
    """The response for the stored file ``name`` (default storage), with the safe headers.

    The caller has checked that the user may see the file. ``download_name`` is the file
    name offered to the browser (default: the stored name).
    """
    fmt = format_for_name(name)
    content_type = fmt.content_type if fmt else "application/octet-stream"
    inline = bool(fmt and fmt.inline)
    prefix = settings.MEDIA_ACCEL_REDIRECT_PREFIX
    try:
        if prefix:
            if not default_storage.exists(name):
                raise FileNotFoundError(name)
            response = HttpResponse(content_type=content_type)
            response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
        else:
            response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    except (FileNotFoundError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not inline, filename=download_name or posixpath.basename(name)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        PDF_POLICY if fmt and fmt.kind == "pdf" else SANDBOX_POLICY
    )
    response["Cache-Control"] = cache_control
    return response


@require_safe
def media_serve(request: HttpRequest, path: str) -> HttpResponse:
    """``/media/<path>``: the file if the user may see the record it belongs to, else 404."""
    owner = upload_owner(path)
    if owner is None:
        raise Http404
    record, field = owner
    if not field.can_view(request.user, record):
        raise Http404
    if request.user.is_authenticated:
        cache_control = "private, no-cache"
    else:  # visible to everyone: the name is random and never reused, so caches may keep it
        cache_control = f"public, max-age={settings.MEDIA_PUBLIC_MAX_AGE}"
    return stored_file_response(name=path, cache_control=cache_control)

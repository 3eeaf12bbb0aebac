"""Data migration helper: files stored before ``UploadField`` get the layout of new ones.

Older uploads kept the uploader's file name (``partnerships/documents/Vertrag Müller.pdf``,
``knowledge/resources/7/v2/plan.docx``). ``legacy_files_rename`` moves each one to
``<folder><random>.<extension>`` in the same storage and updates the row; images are
re-encoded without metadata on the way (GPS included) when Pillow can decode them. A file
that is missing on disk is left as it is; an extension outside the verified formats becomes
``.bin`` (served as a download). Historical rows (django-simple-history) keep their old
names. Run from a migration with ``atomic = False``: each row is updated right after its
file was copied, and the old file is deleted only then.
"""

from __future__ import annotations

import re
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from portal.uploads.formats import FORMATS, extension_of
from portal.uploads.images import image_strip_metadata


def legacy_files_rename(apps, *, model: str, field: str, folder: str) -> int:
    """Give every stored file of ``model.field`` a random name in ``folder``; returns count."""
    current = re.compile(rf"^{re.escape(folder)}[0-9a-f]{{32}}\.[a-z0-9]+$")
    model_class = apps.get_model(model)
    renamed = 0
    rows = model_class._default_manager.exclude(**{field: ""}).values_list("pk", field)
    for pk, name in rows.iterator():
        if current.match(name) or not default_storage.exists(name):
            continue
        extension = extension_of(name)
        fmt = FORMATS.get(extension)
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
        if fmt is not None and fmt.kind == "image":
            try:
                stripped = image_strip_metadata(data)
            except ValidationError:
                pass
            else:
                data, extension = stripped.content, stripped.extension
        if fmt is None:
            extension = "bin"
        new_name = default_storage.save(
            f"{folder}{secrets.token_hex(16)}.{extension}", ContentFile(data)
        )
        model_class._default_manager.filter(pk=pk).update(**{field: new_name})
        default_storage.delete(name)
        renamed += 1
    return renamed

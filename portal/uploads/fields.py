"""``UploadField``: the model field every uploaded file of the portal is stored in.

::

    file = UploadField(
        _("Datei (PDF)"),
        policy="document",                      # portal.uploads.policies.POLICIES
        upload_to="partnerships/documents/",    # a folder; the file name is random
        visible_to="partnerships.permissions.can_view_partnership_item",
    )

- Forms built from the model check the upload (``UploadValidator``) and show the allowed
  types and size as help text; saving stores the checked content (images re-encoded without
  metadata) under ``<upload_to><32 random hex digits>.<extension the check decided>``, never
  under the uploader's file name.
- ``visible_to`` names a predicate ``(user, instance) -> bool``: ``/media/<path>`` serves
  the file only to users for whom it is true (``portal.uploads.serving``). A system check
  fails at start-up if the policy or the predicate does not exist.
"""

from __future__ import annotations

import secrets

from django import forms
from django.core import checks
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.functional import cached_property, lazy
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy

from portal.uploads.checking import UploadValidator, upload_check
from portal.uploads.policies import POLICIES, upload_policy


class UploadFormField(forms.FileField):
    """A form's file field checked by an upload policy (also for forms without a model)."""

    def __init__(self, *, policy: str, **kwargs):
        self.policy = upload_policy(policy)
        if not kwargs.get("help_text"):
            kwargs["help_text"] = lazy(self.policy.help_text, str)()
        super().__init__(**kwargs)
        validator = UploadValidator(self.policy.name)
        if validator not in self.validators:
            self.validators.append(validator)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("accept", self.policy.accept)
        return attrs


class MultipleFileInput(forms.FileInput):
    """A file input that lets the browser pick several files at once."""

    allow_multiple_selected = True


class UploadsFormField(UploadFormField):
    """Several files in one input (``<input type="file" multiple>``), each checked by the
    policy; cleans to a list (empty when nothing was chosen). The errors name the file."""

    widget = MultipleFileInput
    default_error_messages = {
        "max_files": gettext_lazy("Bitte höchstens %(max)d Dateien auf einmal hochladen."),
    }

    def __init__(self, *, policy: str, max_files: int = 10, **kwargs):
        self.max_files = max_files
        super().__init__(policy=policy, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                self.error_messages["max_files"],
                code="max_files",
                params={"max": self.max_files},
            )
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(super().clean(upload, initial))
            except ValidationError as exc:
                name = getattr(upload, "name", "") or ""
                errors.extend(f"{name}: {message}" for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class UploadFieldFile(FieldFile):
    def save(self, name, content, save=True):
        """Store ``content`` only if it passes the field's policy, under a random name."""
        checked = upload_check(content, policy=self.field.policy)
        random_name = f"{secrets.token_hex(16)}.{checked.extension}"
        super().save(random_name, checked.content, save)


class UploadField(models.FileField):
    attr_class = UploadFieldFile
    description = "An uploaded file, checked by an upload policy and served with permission"

    def __init__(
        self, verbose_name=None, name=None, *, policy: str = "", visible_to: str = "", **kwargs
    ):
        self.policy = policy
        self.visible_to = visible_to
        super().__init__(verbose_name, name, **kwargs)

    @cached_property
    def validators(self):
        return [*super().validators, UploadValidator(self.policy)]

    @property
    def folder(self) -> str:
        return str(self.upload_to)

    def can_view(self, user, instance) -> bool:
        return bool(import_string(self.visible_to)(user, instance))

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        kwargs["policy"] = self.policy
        return name, "portal.uploads.UploadField", args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": UploadFormField, "policy": self.policy, **kwargs})

    def check(self, **kwargs):
        return [*super().check(**kwargs), *self._check_upload_settings()]

    def _check_upload_settings(self) -> list[checks.CheckMessage]:
        errors = []
        if self.policy not in POLICIES:
            errors.append(
                checks.Error(
                    f"unknown upload policy {self.policy!r} (known: {sorted(POLICIES)})",
                    obj=self,
                    id="portal.E101",
                )
            )
        folder = self.upload_to
        if not isinstance(folder, str) or not folder.endswith("/") or folder.startswith("/"):
            errors.append(
                checks.Error(
                    "upload_to must be a relative folder ending in '/' (the name is random, "
                    "and /media/ finds the owner by this folder)",
                    obj=self,
                    id="portal.E102",
                )
            )
        try:
            predicate = import_string(self.visible_to)
        except ImportError:
            predicate = None
        if not callable(predicate):
            errors.append(
                checks.Error(
                    f"visible_to {self.visible_to!r} is not an importable predicate "
                    "(user, instance) -> bool",
                    obj=self,
                    id="portal.E103",
                )
            )
        return errors

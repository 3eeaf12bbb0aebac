"""Uploaded files: one check for every file field, metadata-free images, safe serving.

Public API (other apps import from here):

- ``UploadField(verbose_name, policy=..., upload_to="folder/", visible_to="app.permissions.pred")``
  — the model field for every uploaded file (``portal.uploads.fields``).
- ``UploadFormField(policy=...)`` — the same check for a form without a model field;
  ``UploadsFormField(policy=..., max_files=10)`` — several files in one input (a list).
- ``upload_check(file, policy=...) -> CheckedUpload`` — check a file in a service (raises
  ``ValidationError``); ``UploadValidator(policy)`` — the validator form and model use.
- ``image_strip_metadata(source) -> StrippedImage`` — decode an image completely and
  re-encode it upright without EXIF/GPS, XMP or comments.
- ``stored_file_response(name=..., download_name=...)`` — send a stored file (after the
  caller's permission check) with the safe headers, through the proxy in production.
- ``POLICIES`` / ``upload_policy(name)`` — the allowed formats and size limits per kind.
"""

from portal.uploads.checking import CheckedUpload, UploadValidator, upload_check
from portal.uploads.fields import UploadField, UploadFormField, UploadsFormField
from portal.uploads.images import StrippedImage, image_strip_metadata
from portal.uploads.policies import POLICIES, UploadPolicy, upload_policy
from portal.uploads.serving import stored_file_response

__all__ = [
    "POLICIES",
    "CheckedUpload",
    "StrippedImage",
    "UploadField",
    "UploadFormField",
    "UploadPolicy",
    "UploadValidator",
    "UploadsFormField",
    "image_strip_metadata",
    "stored_file_response",
    "upload_check",
    "upload_policy",
]

"""Uploaded files are kept under WINLOSS_DATA_DIR/uploads/<kind>/, each under a name no other upload has."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename


def save_upload(upload: UploadedFile, kind: str) -> Path:
    folder = Path(settings.UPLOAD_DIR) / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}-{get_valid_filename(upload.name)}"
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return path

"""Use cases of the assessment workflow (writes)."""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from .creation_logs import CreationLog, parse
from .models import Assessment, CreationLogFile, StoredFile


def assessment_create(*, owner: AbstractBaseUser, title: str = "") -> Assessment:
    return Assessment.objects.create(owner=owner, title=title)


def stored_file_get_or_create(*, data: bytes) -> StoredFile:
    """The original bytes, content-addressed: the same bytes are stored once."""
    digest = hashlib.sha256(data).hexdigest()
    existing = StoredFile.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    stored = StoredFile(sha256=digest, size=len(data))
    stored.file.save(digest, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # the same bytes stored concurrently: keep the first row
        return StoredFile.objects.get(sha256=digest)
    return stored


@dataclass(frozen=True)
class Attached:
    log_file: CreationLogFile
    created: bool
    log: CreationLog


def creation_log_attach(*, assessment: Assessment, name: str, data: bytes) -> Attached:
    """Parse a file and attach it with its original bytes; raises CreationLogError on bad input.

    Nothing is stored for a file that cannot be read; a file attached before is returned as it
    is (the same bytes are attached once per assessment).
    """
    log = parse(data, name)
    stored = stored_file_get_or_create(data=data)
    existing = CreationLogFile.objects.filter(assessment=assessment, stored=stored).first()
    if existing is not None:
        return Attached(existing, False, CreationLog.model_validate(existing.log))
    try:
        with transaction.atomic():
            log_file = CreationLogFile.objects.create(
                assessment=assessment,
                stored=stored,
                name=log.files[0].name if log.files and log.files[0].name else name[:255],
                source_format=log.source_format or "",
                log=log.model_dump(mode="json"),
            )
    except IntegrityError:
        log_file = CreationLogFile.objects.get(assessment=assessment, stored=stored)
        return Attached(log_file, False, log)
    return Attached(log_file, True, log)

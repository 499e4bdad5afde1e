"""Optimistic locking: one compare-and-set for every record staff edit concurrently (cases, answers, directory)."""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model

from madoguchi.core.errors import ConcurrentEditError


def save_if_unchanged(obj: Model, *, expected_version: int | None, conflict_message: str, **changes: Any) -> None:
    """Write `changes` and bump `version` only if nobody saved `obj` since `expected_version`.

    `expected_version=None` means "the version this object was loaded with". The compare-and-set is the
    UPDATE itself (`... WHERE version = expected`), so it holds on SQLite too, where select_for_update is
    a no-op. Raises ConcurrentEditError with `conflict_message`, writing nothing, when the version moved.
    """
    version = getattr(obj, "version") if expected_version is None else expected_version  # noqa: B009
    updated = type(obj)._default_manager.filter(pk=obj.pk, version=version).update(version=F("version") + 1, **changes)
    if updated == 0:
        raise ConcurrentEditError(conflict_message)

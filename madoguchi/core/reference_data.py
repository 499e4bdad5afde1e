"""Shared by the reference-data loaders of every app (directory, playbooks, taxonomies)."""

from __future__ import annotations

from typing import Any

from django.db import models


def apply_changes(obj: models.Model, fields: dict[str, Any]) -> bool:
    """Set the fields that differ and save only then; True when something changed (for the loader's counts)."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    if changed:
        obj.save()
    return bool(changed)

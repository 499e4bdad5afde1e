"""Change hooks of the directory and law map: other apps (the search index) plug in; referrals imports none."""

from __future__ import annotations

from collections.abc import Callable

from madoguchi.referrals.models import ReferralOrganization

_organization_hooks: list[Callable[[ReferralOrganization], None]] = []
_reference_loaded_hooks: list[Callable[[], None]] = []


def register_organization_saved(hook: Callable[[ReferralOrganization], None]) -> None:
    """`hook(organization)` runs inside the service's transaction after a staff create or edit."""
    if hook not in _organization_hooks:
        _organization_hooks.append(hook)


def register_reference_loaded(hook: Callable[[], None]) -> None:
    """`hook()` runs inside the loader's transaction after the shipped files were loaded."""
    if hook not in _reference_loaded_hooks:
        _reference_loaded_hooks.append(hook)


def organization_saved(organization: ReferralOrganization) -> None:
    for hook in _organization_hooks:
        hook(organization)


def reference_loaded() -> None:
    for hook in _reference_loaded_hooks:
        hook()

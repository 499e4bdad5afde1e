"""The only way to load a case for a user: role and tier checked, same 404 for missing and forbidden."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action, Role
from madoguchi.cases.choices import Tier
from madoguchi.cases.models import Case, Organization


def visible_cases(*, user: User) -> QuerySet[Case]:
    if not user.is_active or not user.can(Action.CASE_VIEW):
        return Case.objects.none()
    if user.role == Role.FRONT:
        # Tier 1 sees the front-line queue and what it took or was given, not the whole back office.
        return Case.objects.filter(Q(tier=Tier.FRONT) | Q(created_by=user) | Q(assignee=user))
    return Case.objects.all()


def access_case(*, user: User, reference: str, action: Action = Action.CASE_VIEW, for_update: bool = False) -> Case:
    if not user.can(action):
        raise Http404
    qs = visible_cases(user=user).select_related("organization", "person", "assignee", "created_by")
    if for_update:
        # Lock the case row only: PostgreSQL refuses FOR UPDATE on the nullable side of the outer joins above.
        qs = qs.select_for_update(of=("self",))
    try:
        return qs.get(reference=reference)
    except Case.DoesNotExist as exc:
        raise Http404 from exc


def access_organization(*, user: User, pk: int) -> Organization:
    """An organisation is visible to a user who can see at least one of its consultations."""
    if not user.can(Action.CASE_VIEW):
        raise Http404
    organization = Organization.objects.filter(pk=pk).first()
    if organization is None or not visible_cases(user=user).filter(organization=organization).exists():
        raise Http404
    return organization

"""Loads one casebook object for a staff user: the same 404 for missing and forbidden."""

from __future__ import annotations

from django.http import Http404

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.casebook import selectors
from madoguchi.casebook.models import CaseStudy, RevisionProposal


def access_case_study(*, user: User, pk: int, action: Action = Action.CASEBOOK_VIEW) -> CaseStudy:
    if not user.can(action):
        raise Http404
    study = selectors.case_studies(user=user).filter(pk=pk).first()
    if study is None:
        raise Http404
    return study


def access_proposal(*, user: User, pk: int, action: Action = Action.CASEBOOK_VIEW) -> RevisionProposal:
    if not user.can(action):
        raise Http404
    proposal = RevisionProposal.objects.select_related("section").filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal

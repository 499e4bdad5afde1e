"""Loads one FAQ entry for a staff member or the public: the same 404 for missing and not allowed."""

from __future__ import annotations

from django.http import Http404

from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.knowledge import faq_selectors
from madoguchi.knowledge.models import FaqEntry, UsefulLink


def access_faq(*, user: User, pk: int, action: Action = Action.CASE_VIEW) -> FaqEntry:
    if not user.can(action):
        raise Http404
    faq = faq_selectors.staff_faqs(include_retired=True).filter(pk=pk).first()
    if faq is None:
        raise Http404
    return faq


def access_faq_originals(*, user: User, pk: int) -> FaqEntry:
    """An entry whose masked originals this editor may see (and so unmask): they may open every source case."""
    faq = access_faq(user=user, pk=pk, action=Action.FAQ_EDIT)
    if not faq_selectors.originals_visible(faq=faq, user=user):
        raise Http404
    return faq


def access_public_faq(*, pk: int) -> FaqEntry:
    faq = faq_selectors.public_faqs().filter(pk=pk).first()
    if faq is None:
        raise Http404
    return faq


def access_link(*, user: User, pk: int) -> UsefulLink:
    if not user.can(Action.FAQ_EDIT):
        raise Http404
    link = UsefulLink.objects.filter(pk=pk).first()
    if link is None:
        raise Http404
    return link

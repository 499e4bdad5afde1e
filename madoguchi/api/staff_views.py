"""The staff screen for API tokens (administrators): issue (the token is shown once), list, revoke."""

from __future__ import annotations

import secrets

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from madoguchi.accounts.decorators import require_action
from madoguchi.accounts.models import User
from madoguchi.accounts.roles import Action
from madoguchi.api import services
from madoguchi.api.forms import TokenIssueForm
from madoguchi.api.models import ApiToken


def _actor(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


_ISSUE_KEYS = "api-token-issue-keys"


def _new_issue_key(request: HttpRequest) -> str:
    key = secrets.token_urlsafe(16)
    request.session[_ISSUE_KEYS] = [*request.session.get(_ISSUE_KEYS, [])[-4:], key]
    return key


def _take_issue_key(request: HttpRequest, key: str) -> bool:
    keys = list(request.session.get(_ISSUE_KEYS, []))
    if not key or key not in keys:
        return False
    keys.remove(key)
    request.session[_ISSUE_KEYS] = keys
    return True


@never_cache
@require_action(Action.USERS_MANAGE)
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenIssueForm(request.POST if request.method == "POST" else None)
    issued: tuple[ApiToken, str] | None = None
    if request.method == "POST" and form.is_valid():
        # Each issue form can issue once: reloading the page that shows a token sends the same POST again, which
        # must neither issue a second token nor show one.
        if not _take_issue_key(request, request.POST.get("issue_key", "")):
            message = _("この発行はすでに処理されました。新しいトークンが必要なら、もう一度発行してください。")
            form.add_error(None, message)
        else:
            # Rendered straight from the POST, never stored or redirected: the raw token is shown once only.
            issued = services.token_issue(
                actor=_actor(request), user=form.cleaned_data["user"], name=form.cleaned_data["name"]
            )
            form = TokenIssueForm()
    context = {
        "form": form,
        "tokens": ApiToken.objects.select_related("user", "created_by"),
        "issued": issued[0] if issued else None,
        "raw_token": issued[1] if issued else "",
        "issue_key": _new_issue_key(request),
    }
    return render(request, "staff/api/token_list.html", context, status=400 if form.errors else 200)


@require_action(Action.USERS_MANAGE)
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk).first()
    if token is None:
        raise Http404
    services.token_revoke(actor=_actor(request), token=token)
    return redirect("api_staff:tokens")

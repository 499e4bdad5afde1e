"""Two-factor enforcement: a staff session is usable only once its second factor is verified."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from madoguchi.accounts import otp


class TwoFactorEnforcementMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and request.path.startswith("/staff/"):
            exempt = {
                reverse("accounts:otp_verify"),
                reverse("accounts:otp_setup"),
                reverse("accounts:logout"),
                reverse("accounts:login"),
            }
            if request.path not in exempt:
                state = otp.second_factor_state(user=user, verified=bool(getattr(user, "is_verified", lambda: False)()))
                if state == otp.SecondFactor.NEEDS_VERIFY:
                    # Quoted and with its query string, so the user lands back on the filtered list they asked for.
                    return redirect(f"{reverse('accounts:otp_verify')}?{urlencode({'next': request.get_full_path()})}")
                if state == otp.SecondFactor.NEEDS_SETUP:
                    return redirect(reverse("accounts:otp_setup"))
        return self.get_response(request)

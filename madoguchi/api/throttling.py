"""API rate limit: the intake counters (one atomic upsert in the database), so it holds across app servers."""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from madoguchi.core.client_address import client_address
from madoguchi.intake import ratelimit
from madoguchi.intake.models import RateLimitScope


class DatabaseRateThrottle(BaseThrottle):
    """Per token (or per client address before authentication) within MADOGUCHI_API_RATE."""

    def allow_request(self, request: Request, view: Any) -> bool:
        token = request.auth
        ident = f"token:{token.pk}" if token is not None else f"addr:{client_address(request._request)}"
        return ratelimit.hit(scope=RateLimitScope.API, key=ratelimit.client_key(address=ident))

    def wait(self) -> float | None:
        return float(ratelimit.rate_for(RateLimitScope.API).seconds)

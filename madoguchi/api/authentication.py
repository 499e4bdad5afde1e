"""Token authentication for the API: `Authorization: Token <token>`; no session, so no CSRF to bypass."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from madoguchi.accounts.models import User
from madoguchi.api import services
from madoguchi.api.models import ApiToken

KEYWORD = "Token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("認証情報の形式が正しくありません。"))
        try:
            raw = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("認証情報の形式が正しくありません。")) from exc
        token = services.token_authenticate(raw=raw)
        if token is None:
            raise exceptions.AuthenticationFailed(_("トークンが無効か、失効しています。"))
        return token.user, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


def _scheme_extension() -> Any:
    from drf_spectacular.extensions import OpenApiAuthenticationExtension

    class ApiTokenScheme(OpenApiAuthenticationExtension):
        target_class = "madoguchi.api.authentication.ApiTokenAuthentication"
        name = "tokenAuth"

        def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
            return {"type": "apiKey", "in": "header", "name": "Authorization", "description": "Token <token>"}

    return ApiTokenScheme


ApiTokenScheme = _scheme_extension()

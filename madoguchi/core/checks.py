"""System checks for configuration that still starts but needs the operator's attention."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register


@register(Tags.security)
def legacy_forwarded_for_setting(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not settings.MADOGUCHI_LEGACY_TRUST_X_FORWARDED_FOR:
        return []
    return [
        Warning(
            "MADOGUCHI_TRUST_X_FORWARDED_FOR is obsolete: it is read as MADOGUCHI_TRUSTED_PROXY_COUNT="
            f"{settings.MADOGUCHI_TRUSTED_PROXY_COUNT}.",
            hint="Remove it and set MADOGUCHI_TRUSTED_PROXY_COUNT to the number of reverse proxies in front of "
            "the desk (usually 1). See docs/architecture.md, Security.",
            id="madoguchi.W001",
        )
    ]

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def desk(request: HttpRequest) -> dict[str, Any]:
    return {"DESK_NAME": settings.MADOGUCHI_DESK_NAME}

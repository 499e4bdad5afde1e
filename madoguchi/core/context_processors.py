import unicodedata
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from madoguchi.core import datadir


def desk(request: HttpRequest) -> dict[str, Any]:
    phone = settings.MADOGUCHI_DESK_PHONE
    return {
        "DESK_NAME": settings.MADOGUCHI_DESK_NAME,
        "DESK_CONTACT": {
            "phone": phone,
            # tel: links take digits and + only; full-width digits are folded first.
            "phone_href": "".join(c for c in unicodedata.normalize("NFKC", phone) if c.isdigit() or c == "+"),
            "hours": settings.MADOGUCHI_DESK_HOURS_TEXT,
            "email": settings.MADOGUCHI_DESK_EMAIL,
            "address": settings.MADOGUCHI_DESK_ADDRESS,
        },
    }


def storage_read_only(request: HttpRequest) -> dict[str, Any]:
    """The read-only banner on every staff page while the data dir cannot take writes (core.datadir, cached)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not request.path.startswith("/staff/"):
        return {}
    return {"storage_read_only": datadir.storage_state().read_only}

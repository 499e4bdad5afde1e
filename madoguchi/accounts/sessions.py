"""The staff session's sliding idle deadline, written at most once per `SESSION_TOUCH_SECONDS`.

Django's `SESSION_SAVE_EVERY_REQUEST` moves the deadline by writing the session row on every request: an
UPDATE and a COMMIT (a WAL flush on PostgreSQL) on each page, search and panel a desk worker opens. This
middleware writes it only when the last write is `SESSION_TOUCH_SECONDS` old or more, recorded in the session
itself (`TOUCHED_KEY`), which a login sets (madoguchi/accounts/signals.py).

The invariant: a session never outlives its idle limit. The stored deadline is always the time of the last
write plus `SESSION_COOKIE_AGE`, and the last write is never later than the last activity, so an idle session
ends at most `SESSION_COOKIE_AGE` after its last request, and at least `SESSION_COOKIE_AGE -
SESSION_TOUCH_SECONDS` after it (a minute earlier at worst with the defaults). Tests:
madoguchi/accounts/tests/test_session_timeout.py.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse

TOUCHED_KEY = "_madoguchi_touched"


def touch(session: SessionBase) -> None:
    """Record a write of the session now; Django then saves it, with a new deadline."""
    session[TOUCHED_KEY] = int(time.time())


class IdleSessionMiddleware(SessionMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        session = getattr(request, "session", None)
        # Only a session this request used: reading an unused one would cost the query this saves.
        if session is not None and (session.accessed or session.modified) and not session.is_empty():
            touched = session.get(TOUCHED_KEY)
            stale = not isinstance(touched, int) or time.time() - touched >= settings.SESSION_TOUCH_SECONDS
            if session.modified or stale:
                touch(session)  # marks the session modified: Django saves it with a new deadline
        return super().process_response(request, response)

"""Load-test preparation: consultations in bulk and a logged-in manager session for the load script.

Run with the same environment as the server (`DATABASE_URL`, `MADOGUCHI_DATA_DIR`, `MADOGUCHI_ENV`):
    .venv/bin/python bench/prepare_load.py --cases 2000
Prints JSON: {"session_cookie": ..., "case_reference": ...}. Fictional data only (example.jp). The session is
minted directly (no password, no second factor) on a bench database that nobody else uses: never on a real desk.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from madoguchi.accounts.models import SecurityPolicy, User
    from madoguchi.accounts.roles import Role
    from madoguchi.cases.models import Case
    from madoguchi.testing.factories import make_case

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=2000, help="consultations the database should hold at least")
    args = parser.parse_args()

    user, _ = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.MANAGER, "display_name": "負荷試験 管理者"}
    )
    policy = SecurityPolicy.current()
    policy.require_2fa_roles = []  # bench database only: the session below has no second factor
    policy.save()
    started, have = time.monotonic(), Case.objects.count()
    for i in range(have, args.cases):
        make_case(
            actor=user,
            org_name=f"株式会社ベンチ{i}",
            person_name=f"架空 {i}",
            email=f"bench{i}@example.jp",
            phone=f"03-0000-{i % 10000:04d}",
            subject=f"不審なメールの相談 {i}",
        )
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    print(
        json.dumps(
            {
                "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "case_reference": Case.objects.order_by("-id").values_list("reference", flat=True).first(),
                "cases": Case.objects.count(),
                "load_seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()

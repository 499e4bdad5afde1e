"""Load-test preparation: a logged-in manager session, sample FAQ entries and what the load script needs to know.

Run with the same environment as the server (`DATABASE_URL`, `MADOGUCHI_DATA_DIR`, `MADOGUCHI_ENV`):
    .venv/bin/python bench/prepare_load.py --sample 500 > /tmp/load-context.json
Prints JSON for bench/loadtest.py --context: the session cookie, `--sample` random case references, the published
FAQ entries (the demo ones are added when there are none) and the database (PostgreSQL version, size, row counts).
Large databases are filled by `manage.py bulk_load_consultations`; `--cases N` tops the database up through the
real write path (`case_create`, about 10 cases/s). Fictional data only (example.jp). The session is minted directly
(no password, no second factor) on a bench database that nobody else uses: never on a real desk.
"""

from __future__ import annotations

import argparse
import json
import os
import random
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
    from madoguchi.cases.models import Case, CaseEvent
    from madoguchi.knowledge import faq_demo
    from madoguchi.knowledge.faq_selectors import public_faqs
    from madoguchi.knowledge.models import FaqEntry, SearchEntry
    from madoguchi.testing.factories import make_case

    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=0, help="consultations the database should hold at least")
    parser.add_argument("--sample", type=int, default=500, help="random case references for the case page")
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
    if not FaqEntry.objects.exists():
        writer, _ = User.objects.get_or_create(
            username="bench-back", defaults={"role": Role.BACK, "display_name": "負荷試験 二次"}
        )
        faq_demo.seed(users={Role.BACK: writer, Role.MANAGER: user})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    from django.db import connection

    with connection.cursor() as cur:
        # A random sample without sorting a million rows: ids are dense after a bulk load.
        cur.execute("SELECT min(id), max(id) FROM cases_case")
        low, high = cur.fetchone()
    ids = random.Random(15).sample(range(low, high + 1), min(args.sample * 2, high - low + 1)) if low else []
    references = list(Case.objects.filter(pk__in=ids).values_list("reference", flat=True)[: args.sample])
    database: dict[str, object] = {"name": connection.settings_dict["NAME"], "vendor": connection.vendor}
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute(
                "SELECT current_setting('server_version'), pg_size_pretty(pg_database_size(current_database()))"
            )
            version, size = cur.fetchone()
        database.update(postgresql=version.split()[0], size=size)
    database["rows"] = {
        "cases": Case.objects.count(),
        "timeline events": CaseEvent.objects.count(),
        "search entries": SearchEntry.objects.count(),
    }
    print(
        json.dumps(
            {
                "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
                "references": references,
                "faq_ids": list(public_faqs().values_list("pk", flat=True)),
                "database": database,
                "load_seconds": round(time.monotonic() - started, 1),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()

"""The scheduled commands (send_outbox, poll_mailbox, … every minute from cron or a systemd timer) start without
importing the triage engine's statistical libraries (scikit-learn, SciPy: about a second of CPU per process,
docs/deployment.md). Only training, evaluating or running a triage imports them (madoguchi/triage/engine/version.py).

Run in a fresh interpreter: this test process has long imported everything."""

from __future__ import annotations

import json

from madoguchi.testing.migrated_db import migrated_sqlite
from madoguchi.testing.production import production_env, run_django

PROBE = """
import json, sys
from django.core.management import get_commands, load_command_class
from django.template import engines

imported_by = []
# Every template library (the mail engine renders with them in send_outbox and the notifications).
for backend in engines.all():
    getattr(backend, "engine").template_libraries
if "sklearn" in sys.modules:
    imported_by.append("template libraries")
# evaluate_triage evaluates the model: it may import the engine, and is loaded last.
names = sorted(get_commands().items(), key=lambda item: item[0] == "evaluate_triage")
for name, app in names:
    load_command_class(app, name)
    if "sklearn" in sys.modules and not imported_by:
        imported_by.append(name)
print(json.dumps({"imported_by": imported_by}))
"""


def test_no_command_but_the_evaluation_imports_scikit_learn_when_it_is_loaded(tmp_path, tmp_path_factory):
    env = production_env(tmp_path, ALLOWED_HOSTS="127.0.0.1", BEHIND_TLS_PROXY="1")
    migrated_sqlite(tmp_path / "madoguchi.sqlite3", tmp_path_factory)
    probe = json.loads(run_django(PROBE, env).strip().splitlines()[-1])
    assert probe["imported_by"] in ([], ["evaluate_triage"]), probe

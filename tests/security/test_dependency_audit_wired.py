"""The dependency audit is wired: `make audit` runs the pinned pip-audit over every pinned dependency.

The audit itself needs the PyPI/OSV advisory service, which this machine cannot reach, so the suite does not
run it (docs/security.md: it is a CI step). What is tested here is only the wiring, honestly so named."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_make_audit_runs_pip_audit_strictly_over_the_constraints():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^audit:.*\n\t(.+)$", makefile, re.MULTILINE)
    assert recipe is not None
    command = recipe.group(1)
    assert "pip-audit" in command
    assert "--requirement constraints.txt" in command
    assert "--strict" in command  # a dependency that cannot be audited fails the step


def test_pip_audit_is_installed_at_the_pinned_version():
    pinned = re.search(r"^pip-audit==(\S+)$", (ROOT / "constraints.txt").read_text(), re.MULTILINE)
    assert pinned is not None
    result = subprocess.run(
        [str(Path(sys.executable).parent / "pip-audit"), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert pinned.group(1) in result.stdout

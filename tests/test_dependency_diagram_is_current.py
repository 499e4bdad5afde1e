"""docs/architecture.md's dependency diagram is what scripts/dependency_diagram.py generates from the imports."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("dependency_diagram", ROOT / "scripts" / "dependency_diagram.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("dependency_diagram", module)
    spec.loader.exec_module(module)
    return module


def test_committed_diagram_matches_the_code():
    script = _script()
    document = script.ARCHITECTURE.read_text(encoding="utf-8")
    assert script.replace_section(document, script.render(script.app_dependencies())) == document, (
        "run: python scripts/dependency_diagram.py"
    )


def test_diagram_shows_real_imports_and_leaves_out_tests():
    script = _script()
    deps = script.app_dependencies()
    assert "cases" in deps["answers"]
    assert "knowledge" not in deps["cases"], "cases reaches leaf apps only through cases.extensions"
    assert "testing" not in deps and all("testing" not in targets for targets in deps.values())
    assert all("desk" not in targets for targets in deps.values()), "nothing imports the desk app"


def test_a_changed_diagram_is_detected(tmp_path, monkeypatch):
    script = _script()
    stale = tmp_path / "architecture.md"
    text = script.ARCHITECTURE.read_text(encoding="utf-8").replace("cases --> accounts", "cases --> triage", 1)
    stale.write_text(text, encoding="utf-8")
    monkeypatch.setattr(script, "ARCHITECTURE", stale)
    assert script.main(["--check"]) == 1

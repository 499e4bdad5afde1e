"""Every shipped YAML file reads the same through libyaml (what `read_yaml` uses) as through PyYAML's own parser."""

from pathlib import Path

import pytest
import yaml

from madoguchi.core.yamlfiles import read_yaml

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(ROOT.glob("*/data/**/*.yaml"))


def test_the_shipped_files_are_found():
    assert {path.parent.parent.name for path in FILES} >= {"referrals", "playbooks", "taxonomy"}


def test_pyyaml_has_libyaml():
    assert yaml.__with_libyaml__, "PyYAML without libyaml: read_yaml falls back to the pure-Python parser"


@pytest.mark.parametrize("path", FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_libyaml_reads_what_the_pure_parser_reads(path):
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))

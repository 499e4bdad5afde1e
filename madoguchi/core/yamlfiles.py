"""Reading the shipped YAML data files; pure Python (the triage engine's command line reads the referral rules)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it (the wheels are): the same documents as the pure-Python SafeLoader
# (test_shipped_yaml_parses_alike_with_libyaml), about ten times faster. The test suite loads the reference data
# through the real loaders hundreds of times per run.
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path) -> Any:
    """The YAML document in `path`, safely loaded (plain data only, as yaml.safe_load)."""
    with path.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SafeLoader)  # noqa: S506 - a safe loader

"""Names found by their surroundings (ADR 0038): placeholder."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from madoguchi.privacy.masking.detectors import Candidate

DETECTORS: tuple[Callable[[str], Iterator[Candidate]], ...] = ()

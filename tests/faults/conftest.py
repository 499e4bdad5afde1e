"""Fault tests: real servers on loopback are stopped, cut off or filled up while the desk works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from madoguchi.intake.tests.conftest import desk_settings, dovecot
from tests.faults.full_disk import FullDisk
from tests.faults.full_disk import full_data_dir as _full_data_dir

__all__ = ["desk_settings", "dovecot", "full_data_dir"]


@pytest.fixture
def full_data_dir(settings) -> Iterator[FullDisk]:  # type: ignore[no-untyped-def]
    with _full_data_dir(settings) as disk:
        yield disk

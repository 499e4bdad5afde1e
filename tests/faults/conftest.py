"""Fault tests: real servers on loopback are stopped, cut off or filled up while the desk works."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from madoguchi.core import datadir
from madoguchi.intake.tests.conftest import desk_settings, dovecot
from tests.faults.full_disk import FullDisk
from tests.faults.full_disk import full_data_dir as _full_data_dir

__all__ = ["Clock", "clock", "desk_settings", "dovecot", "full_data_dir"]


@pytest.fixture
def full_data_dir(settings) -> Iterator[FullDisk]:  # type: ignore[no-untyped-def]
    with _full_data_dir(settings) as disk:
        yield disk


class Clock:
    """The data dir guard's clock (its cached "is the disk full" answer expires by it), moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch, settings) -> Clock:  # type: ignore[no-untyped-def]
    settings.MADOGUCHI_STORAGE_CHECK_SECONDS = 15
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    fake = Clock()
    monkeypatch.setattr(datadir.time, "monotonic", fake)
    return fake

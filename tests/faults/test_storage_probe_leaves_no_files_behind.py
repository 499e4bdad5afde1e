"""The data dir's write probe (core.datadir.probe) on a real tmpfs, free and full: the right answer, and never a
file left behind, not even when the write fails. Needs root for `mount -t tmpfs`."""

from __future__ import annotations

import pytest

from madoguchi.core import datadir


@pytest.fixture
def stores(full_data_dir):  # type: ignore[no-untyped-def]
    # The file and mail stores exist, so they are probed too.
    full_data_dir.free()
    (full_data_dir.mount_point / "files").mkdir()
    (full_data_dir.mount_point / "mail").mkdir()
    return full_data_dir


def test_the_probe_on_a_disk_with_room_says_writable_and_leaves_nothing(stores, settings):
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    state = datadir.probe()
    assert state.writable and not state.read_only
    assert state.free_bytes is not None and 0 < state.free_bytes <= 1024 * 1024
    assert stores.visible_files() == []


def test_the_probe_on_a_full_disk_says_read_only_and_leaves_nothing(stores, settings):
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    stores.fill()
    state = datadir.probe()
    assert (state.writable, state.read_only, state.error) == (False, True, "ENOSPC")
    assert stores.visible_files() == []


def test_the_answer_is_cached_and_expires(stores, settings):
    settings.MADOGUCHI_MIN_FREE_BYTES = 0
    settings.MADOGUCHI_STORAGE_CHECK_SECONDS = 15
    stores.fill()
    assert datadir.storage_state(now=100.0).read_only
    stores.free()
    assert datadir.storage_state(now=114.0).read_only, "cached"
    assert not datadir.storage_state(now=115.0).read_only, "expired: probed again"

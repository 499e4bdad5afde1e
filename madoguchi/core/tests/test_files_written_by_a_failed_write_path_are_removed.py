"""core.datadir.files_removed_on_error: a write path that fails after writing files takes back the files it created,
never a file that was there before (content-addressed stores share files between rows)."""

from __future__ import annotations

import pytest

from madoguchi.core import datadir


def test_files_created_before_a_failure_are_removed_and_earlier_files_are_kept(tmp_path):
    shared = tmp_path / "aa" / "shared"
    datadir.atomic_write(path=shared, data=b"stored earlier for another row")

    with pytest.raises(RuntimeError), datadir.files_removed_on_error():
        datadir.atomic_write(path=tmp_path / "bb" / "new", data=b"new bytes")
        datadir.atomic_write(path=shared, data=b"stored earlier for another row")
        raise RuntimeError("the row insert failed")

    assert not (tmp_path / "bb" / "new").exists()
    assert shared.read_bytes() == b"stored earlier for another row"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["shared"], "no temporary file either"


def test_files_stay_when_the_write_path_succeeds(tmp_path):
    with datadir.files_removed_on_error():
        datadir.atomic_write(path=tmp_path / "kept", data=b"committed")
    assert (tmp_path / "kept").read_bytes() == b"committed"


def test_a_storage_error_is_a_domain_error_with_the_japanese_message_and_an_os_error_with_its_errno(tmp_path):
    import errno

    from madoguchi.core.errors import DomainError

    error = datadir.StorageFull(OSError(errno.ENOSPC, "No space left on device"))
    assert isinstance(error, DomainError) and isinstance(error, OSError)
    assert error.errno == errno.ENOSPC and error.field == "file"
    assert error.message.startswith("保存領域が不足しているため、ファイルを保存できませんでした。")

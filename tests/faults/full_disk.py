"""A real full file system for the data dir: a 1 MB tmpfs (needs root for `mount`) filled to the last byte."""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class FullDisk:
    mount_point: Path
    filler: Path

    def fill(self, *, leave_bytes: int = 0) -> None:
        """Write zeros until the file system refuses, then give back `leave_bytes` (rounded to tmpfs pages)."""
        with self.filler.open("ab", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass
        if leave_bytes:
            size = self.filler.stat().st_size
            os.truncate(self.filler, max(0, size - leave_bytes))

    def free(self) -> None:
        """Space returns (an operator deleted something)."""
        self.filler.unlink(missing_ok=True)

    def visible_files(self) -> list[Path]:
        """Every file the desk left on the disk, the filler aside."""
        return sorted(p for p in self.mount_point.rglob("*") if p.is_file() and p != self.filler)


@contextmanager
def full_data_dir(settings: Any) -> Iterator[FullDisk]:
    """The data dir, the file store and the mail store all on one filled 1 MB tmpfs for the test's duration."""
    mount_point = Path(tempfile.mkdtemp(prefix="madoguchi-full-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], check=True)
    try:
        settings.DATA_DIR = mount_point
        settings.MEDIA_ROOT = mount_point / "files"
        settings.MAIL_STORE_DIR = mount_point / "mail"
        disk = FullDisk(mount_point=mount_point, filler=mount_point / "filler")
        disk.fill()
        yield disk
    finally:
        subprocess.run(["umount", str(mount_point)], check=True)
        mount_point.rmdir()

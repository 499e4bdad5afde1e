"""deploy/logrotate/madoguchi rotates the app's file logs with Debian's logrotate: the file the app keeps open is
copied and truncated (copytruncate), so a worker writing on afterwards writes into the live file, not a rotated
one. Only the log folder and the `su` user are replaced (this machine has no madoguchi user)."""

from __future__ import annotations

import getpass
import grp
import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_logrotate_rotates_an_open_log_by_copy_and_truncate(tmp_path):
    text = (ROOT / "deploy" / "logrotate" / "madoguchi").read_text()
    for old in ("/var/log/madoguchi/*.log", "su madoguchi madoguchi"):
        assert text.count(old) == 1, f"deploy/logrotate/madoguchi no longer has {old!r} once"
    logs = tmp_path / "logs"
    logs.mkdir()
    os.chmod(logs, 0o700)  # logrotate refuses a group- or world-writable folder
    group = grp.getgrgid(os.getgid()).gr_name
    config = tmp_path / "madoguchi"
    config.write_text(
        text.replace("/var/log/madoguchi/*.log", f"{logs}/*.log").replace(
            "su madoguchi madoguchi", f"su {getpass.getuser()} {group}"
        )
    )
    os.chmod(config, 0o644)
    live = logs / "web.log"
    with live.open("a") as writer:  # the app's open file
        writer.write('{"message": "before the rotation"}\n')
        writer.flush()
        done = subprocess.run(
            ["logrotate", "--force", "--state", str(tmp_path / "state"), str(config)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        writer.write('{"message": "after the rotation"}\n')
        writer.flush()
    rotated = logs / "web.log.1"  # delaycompress: the newest rotation stays uncompressed
    assert rotated.read_text() == '{"message": "before the rotation"}\n'
    # The open file was truncated, not replaced: the next line lands in the live log, at its start (O_APPEND).
    assert live.read_text() == '{"message": "after the rotation"}\n'

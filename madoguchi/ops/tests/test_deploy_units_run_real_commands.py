"""Every command the shipped systemd units and timers run exists and accepts the arguments the unit gives it
(deploy/systemd/, docs/deployment.md "Scheduled commands"): a timer that starts a command with a required option
missing fails every time it fires, and nobody sees it until the report or the clean-up is missed."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, get_commands, load_command_class

ROOT = Path(__file__).resolve().parents[3]
SYSTEMD = ROOT / "deploy" / "systemd"


def _parse(argv: list[str]) -> None:
    """Parse `argv` (after `manage.py`) as the command's own parser does; run_locked passes the rest through."""
    if argv and argv[0] == "run_locked":
        argv = argv[1:]
    name, args = argv[0], argv[1:]
    commands = get_commands()
    assert name in commands, f"{name}: no such management command"
    parser = load_command_class(commands[name], name).create_parser("manage.py", name)
    try:
        parser.parse_args(args)
    except (SystemExit, CommandError) as exc:  # a missing or unknown option
        pytest.fail(f"manage.py {name} {' '.join(args)}: the arguments are refused ({exc})")


def _manage_argv(exec_start: str) -> list[str]:
    words = shlex.split(exec_start)
    if words[:2] == ["/bin/sh", "-c"]:
        # The shell's command substitutions ($(date …) in a file name) are one word once the shell has run them.
        words = shlex.split(re.sub(r"\$\([^)]*\)", "SUBSTITUTED", words[2]))
    words = [w for w in words if w != "exec"]
    return words[words.index("manage.py") + 1 :]


def _timer_jobs() -> list[str]:
    return sorted(
        m.group(1)
        for p in SYSTEMD.glob("madoguchi-job@*.timer")
        if (m := re.fullmatch(r"madoguchi-job@(.+)\.timer", p.name))
    )


def test_every_timer_starts_a_command_that_runs_without_arguments():
    jobs = _timer_jobs()
    assert len(jobs) >= 5, jobs
    template = (SYSTEMD / "madoguchi-job@.service").read_text()
    exec_start = re.search(r"^ExecStart=(.+)$", template, re.M)
    assert exec_start is not None
    for job in jobs:
        timer = (SYSTEMD / f"madoguchi-job@{job}.timer").read_text()
        assert f"Unit=madoguchi-job@{job}.service" in timer
        _parse(_manage_argv(exec_start.group(1).replace("%i", job)))


@pytest.mark.parametrize("unit", ["madoguchi-outbox.service", "madoguchi-poller.service", "madoguchi-backup.service"])
def test_every_service_runs_a_command_with_arguments_it_accepts(unit):
    text = (SYSTEMD / unit).read_text()
    starts = re.findall(r"^ExecStart=(.+)$", text, re.M)
    assert starts, unit
    for start in starts:
        _parse(_manage_argv(start.replace("%%", "%")))


def test_every_command_of_the_scheduled_table_exists():
    text = (ROOT / "docs" / "deployment.md").read_text()
    table = text.split("### Scheduled commands", 1)[1].split("\n\n", 2)[1]
    named = set(re.findall(r"`([a-z_]+)(?: --[a-z-]+)*`", table))
    assert {"send_outbox", "poll_mailbox", "monthly_report", "backup"} <= named, named
    missing = sorted(n for n in named if n not in get_commands() and n != "run_locked")
    assert missing == [], missing


def test_every_command_the_readme_names_exists():
    text = (ROOT / "README.md").read_text()
    named = set(re.findall(r"manage\.py ([a-z_]+)", text))
    assert {"send_outbox", "monthly_report", "backup", "restore", "run_locked"} <= named, named
    assert sorted(n for n in named if n not in get_commands()) == []


def test_systemd_accepts_every_unit_and_timer(tmp_path):
    """`systemd-analyze verify` on the shipped units (the app's paths pointed at this checkout's virtualenv, the
    job template instantiated for every timer): no unknown key, no missing program, no broken timer link."""
    venv = Path(sys.executable).parent
    shipped = "/srv/madoguchi/app/.venv/bin/"
    names = []
    for unit in sorted(SYSTEMD.glob("*.service")) + sorted(SYSTEMD.glob("*.timer")):
        text = unit.read_text()
        if unit.suffix == ".service":
            assert shipped in text, f"{unit.name} no longer starts the app from {shipped}"
        (tmp_path / unit.name).write_text(text.replace(shipped, f"{venv}/"))
        if unit.name != "madoguchi-job@.service":
            names.append(unit.name)
    for job in _timer_jobs():
        (tmp_path / f"madoguchi-job@{job}.service").write_text((tmp_path / "madoguchi-job@.service").read_text())
        names.append(f"madoguchi-job@{job}.service")
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *[f"./{n}" for n in names]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == "", done.stderr

"""Intake test helpers: the .eml corpus, the shared SMTP server and a throw-away dovecot IMAP server."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from madoguchi.testing.servers import closed_smtp_port, free_port, smtp_server

__all__ = ["closed_smtp_port", "smtp_server"]

EML_DIR = Path(__file__).parent / "fixtures" / "eml"


def eml(name: str) -> bytes:
    return (EML_DIR / name).read_bytes()


@pytest.fixture
def desk_settings(settings):
    settings.MADOGUCHI_DESK_NOTIFY = ["desk-notify@madoguchi.example.jp"]
    settings.DEFAULT_FROM_EMAIL = "窓口 <soudan@madoguchi.example.jp>"
    settings.MADOGUCHI_MAIL_DOMAIN = "madoguchi.example.jp"
    return settings


@dataclass
class Dovecot:
    host: str
    port: int
    user: str
    password: str

    def use_as_desk_mailbox(self, settings: Any) -> None:
        """Point the desk's IMAP settings (a pytest-django `settings`) at this server's INBOX, plain IMAP."""
        settings.IMAP_HOST = self.host
        settings.IMAP_PORT = self.port
        settings.IMAP_TLS = "none"
        settings.IMAP_USER = self.user
        settings.IMAP_PASSWORD = self.password
        settings.IMAP_FOLDER = "INBOX"
        settings.IMAP_DONE_FOLDER = ""

    def client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(self.user, self.password)
        return conn

    def append(self, raw: bytes, folder: str = "INBOX") -> None:
        conn = self.client()
        try:
            response = conn.append(folder, "", "", raw)
            assert response[0] == "OK", response
        finally:
            conn.logout()

    def flags(self, folder: str = "INBOX") -> dict[int, str]:
        """UID -> FLAGS text of every message in the folder."""
        conn = self.client()
        try:
            conn.select(folder, readonly=True)
            _typ, data = conn.uid("FETCH", "1:*", "(FLAGS)")
            out: dict[int, str] = {}
            for item in data:
                if isinstance(item, bytes) and b"UID" in item:
                    text = item.decode()
                    uid = int(text.split("UID ")[1].split()[0].rstrip(")"))
                    out[uid] = text.split("FLAGS (")[1].split(")")[0]
            return out
        finally:
            conn.logout()

    def count(self, folder: str) -> int:
        conn = self.client()
        try:
            typ, data = conn.select(folder, readonly=True)
            return int(data[0]) if typ == "OK" else -1
        finally:
            conn.logout()


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    """Debian's dovecot on a free loopback port with a passwd-file user and a maildir owned by `mail`."""
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"
    # Under /tmp, not tmp_path: the mail user must be able to traverse the path, and pytest's dirs are 0700.
    root = Path(tempfile.mkdtemp(prefix="madoguchi-dovecot-"))
    root.chmod(0o755)
    mail_user = pwd.getpwnam("mail")
    maildir = root / "mail"
    maildir.mkdir()
    os.chown(maildir, mail_user.pw_uid, mail_user.pw_gid)
    (root / "run").mkdir()
    port = free_port()
    (root / "passwd").write_text("desk:{PLAIN}test-secret\n")
    config = root / "dovecot.conf"
    config.write_text(
        f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/run
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
first_valid_uid = 1
mail_location = maildir:{maildir}/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid=mail gid=mail home={maildir}/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""
    )
    process = subprocess.Popen([binary, "-F", "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {log}") from None
            time.sleep(0.05)
    try:
        yield Dovecot(host="127.0.0.1", port=port, user="desk", password="test-secret")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(root, ignore_errors=True)

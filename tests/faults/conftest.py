"""Fault tests: real servers on loopback are stopped, cut off or filled up while the desk works."""

from madoguchi.intake.tests.conftest import desk_settings, dovecot

__all__ = ["desk_settings", "dovecot"]

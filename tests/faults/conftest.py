"""Fault tests: real servers on loopback are stopped, cut off or filled up while the desk works."""

from madoguchi.intake.tests.conftest import dovecot
from madoguchi.testing.servers import free_port

__all__ = ["dovecot", "free_port"]

# The SMTP fixtures are shared with the intake tests; they live in madoguchi/testing/servers.py.
from madoguchi.testing.servers import closed_smtp_port, smtp_server

__all__ = ["closed_smtp_port", "smtp_server"]

# The SMTP fixtures are shared with the intake tests; they live in madoguchi/core/testing_servers.py.
from madoguchi.core.testing_servers import closed_smtp_port, smtp_server

__all__ = ["closed_smtp_port", "smtp_server"]

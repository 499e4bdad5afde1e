"""gunicorn settings for `make serve` and the systemd unit; every value can be overridden from the environment."""

import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Two cores here: 3 sync workers keep both busy while one waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Restart workers now and then so a slow leak cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Workers start warm: the master loads the application and imports and compiles what a first request would
# (madoguchi/ops/warmup.py), and every worker it forks inherits it, at start and at each max_requests restart.
# New code therefore needs a restart of the service, not a HUP (docs/deployment.md "Workers start warm").
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"


def when_ready(server: Any) -> None:  # gunicorn calls it with its Arbiter
    """In the master, after the preload and before the first fork."""
    if server.cfg.preload_app:
        from madoguchi.ops.warmup import warm_up

        warm_up()


# The access line comes from madoguchi.ops.request_id (JSON with the request id); gunicorn's own is off.
accesslog = None
errorlog = "-"
# The reverse proxy on the same machine (or MADOGUCHI_TRUSTED_PROXY_COUNT proxies) sets X-Forwarded-*.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "madoguchi"
# The master's own lines (booting, worker exits) as JSON too, in the same shape as the app's (madoguchi/ops/logs.py).
if os.environ.get("LOG_FORMAT", "json" if os.environ.get("MADOGUCHI_ENV") == "production" else "plain") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "madoguchi.ops.logs.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
    }

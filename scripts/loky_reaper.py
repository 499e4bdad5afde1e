"""pytest plugin for measuring: `pytest -p loky_reaper` (with scripts/ on PYTHONPATH).

joblib's worker processes (loky) outlive the pytest process that started them unless they are shut down,
and a process that is never waited for is missing from RUSAGE_CHILDREN, so `/usr/bin/time pytest` leaves
out the CPU time of every training that ran side by side. This stops them at the end of each pytest
process (the controller and every xdist worker), so that their time is counted. Used for
docs/test-speed.md; not part of `make test`.
"""

from __future__ import annotations

import pytest


def pytest_unconfigure(config: pytest.Config) -> None:
    from joblib.externals.loky import reusable_executor

    executor = reusable_executor._executor
    if executor is not None:
        executor.shutdown(wait=True)

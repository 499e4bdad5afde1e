import pytest

from madoguchi.testing.factories import ensure_handbook_sections


@pytest.fixture(autouse=True)
def handbook_sections(db):
    """The sections migration 0002 ships, even after a transactional test flushed them."""
    ensure_handbook_sections()

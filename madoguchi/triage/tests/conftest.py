import pytest


@pytest.fixture
def reference_data(db):
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)

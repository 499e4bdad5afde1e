import pytest
from django.test import Client

from madoguchi.intake.tests._form_helpers import VALID


@pytest.mark.django_db
def test_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    assert client.post("/consult/", {**VALID, "step": "confirm"}).status_code == 403

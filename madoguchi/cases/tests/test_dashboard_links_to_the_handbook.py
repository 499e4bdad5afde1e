"""Every staff role finds the specialist handbook from the dashboard, and may open it."""

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_handbook_link_and_can_follow_it(client_for, second_factor_optional, role):
    user = UserFactory(username=f"handbook-{role}", role=role)
    client = client_for(user)
    page = client.get(reverse("cases:dashboard")).content.decode()
    assert f'href="{reverse("reports:handbook")}" id="handbook-link"' in page
    assert client.get(reverse("reports:handbook")).status_code == 200

"""Every referral view, every role and anonymous: the role table decides, checked on the server."""

from __future__ import annotations

import pytest
from django.urls import reverse

from madoguchi.accounts.roles import Action, Role, role_can
from madoguchi.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# (url name, kwargs kind, method, action)
ENDPOINTS = [
    ("referrals:directory", None, "get", Action.CASE_VIEW),
    ("referrals:quick", None, "get", Action.CASE_VIEW),
    ("referrals:print", None, "get", Action.CASE_VIEW),
    ("referrals:print_pdf", None, "get", Action.CASE_VIEW),
    ("referrals:law_map", None, "get", Action.CASE_VIEW),
    ("referrals:organization", "org", "get", Action.CASE_VIEW),
    ("referrals:event", "event", "get", Action.CASE_VIEW),
    ("referrals:law", "law", "get", Action.CASE_VIEW),
    ("referrals:organization_create", None, "get", Action.REFERENCE_EDIT),
    ("referrals:organization_create", None, "post", Action.REFERENCE_EDIT),
    ("referrals:organization_edit", "org", "get", Action.REFERENCE_EDIT),
    ("referrals:organization_edit", "org", "post", Action.REFERENCE_EDIT),
    ("referrals:organization_verify", "org", "post", Action.REFERENCE_EDIT),
    ("referrals:case_police", "case", "post", Action.CASE_RESEARCH),
]


def _url(name: str, kind: str | None, case) -> str:
    kwargs = {
        None: {},
        "org": {"code": "houterasu"},
        "event": {"code": "ransomware"},
        "law": {"code": "uaa_art3"},
        "case": {"reference": case.reference},
    }[kind]
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "kind", "method", "action"), ENDPOINTS)
def test_role_may_use_endpoint_only_if_the_table_says_so(
    client_for, tier2_case, reference_data, role, name, kind, method, action
):
    client = client_for(UserFactory(username=f"user-{role}", role=role))
    url = _url(name, kind, tier2_case)
    response = client.get(url) if method == "get" else client.post(url, {})
    if role_can(role, action):
        assert response.status_code not in (401, 403), (role, name, response.status_code)
    else:
        assert response.status_code == 403, (role, name, response.status_code)


@pytest.mark.parametrize(("name", "kind", "method", "action"), ENDPOINTS)
def test_anonymous_is_sent_to_login(anonymous, tier2_case, reference_data, name, kind, method, action):
    url = _url(name, kind, tier2_case)
    response = anonymous.get(url) if method == "get" else anonymous.post(url, {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_public_directory_needs_no_login(anonymous, reference_data):
    assert anonymous.get(reverse("referrals_public:directory")).status_code == 200


def test_missing_case_is_404_for_case_actions(client_for, tier2_staff, reference_data):
    client = client_for(tier2_staff)
    for name in ("referrals:case_police",):
        url = reverse(name, kwargs={"reference": "2099-00001"})
        assert client.post(url, {"reason": "理由", "organizations": ["houterasu"]}).status_code == 404

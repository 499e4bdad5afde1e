"""The public form body has the shared length limit: over it, a Japanese message next to the field, text kept."""

import pytest

from madoguchi.cases.models import Case
from madoguchi.core import limits
from madoguchi.intake.tests._form_helpers import VALID

pytestmark = pytest.mark.django_db


def test_body_over_the_limit_is_refused_and_kept(client):
    body = "被害の状況" + "い" * limits.PUBLIC_FORM_BODY

    response = client.post("/consult/", {**VALID, "step": "input", "body": body})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="body-error"' in html
    assert f"{limits.PUBLIC_FORM_BODY}文字以内で入力してください（現在{len(body)}文字）" in html
    assert body in html
    assert not Case.objects.exists()


def test_body_at_the_limit_goes_on_to_confirmation(client):
    response = client.post("/consult/", {**VALID, "step": "input", "body": "う" * limits.PUBLIC_FORM_BODY})

    assert response.status_code == 200
    assert 'id="body-error"' not in response.content.decode()

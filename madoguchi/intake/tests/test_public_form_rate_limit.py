import pytest

from madoguchi.cases.models import Case
from madoguchi.intake.tests._form_helpers import VALID


@pytest.mark.django_db
def test_too_many_submissions_from_one_address_get_a_clear_message(client, settings, desk_settings):
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "2/3600"
    for _ in range(2):
        assert client.post("/consult/", {**VALID, "step": "confirm"}).status_code == 302
    blocked = client.post("/consult/", {**VALID, "step": "confirm"})
    html = blocked.content.decode()
    assert blocked.status_code == 429
    assert "短い時間に多くの送信があったため" in html
    assert 'value="株式会社サンプル商事"' in html, "input is kept"
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_the_limit_is_per_client_address(client, settings, desk_settings):
    settings.MADOGUCHI_PUBLIC_FORM_RATE = "1/3600"
    assert client.post("/consult/", {**VALID, "step": "confirm"}, REMOTE_ADDR="192.0.2.1").status_code == 302
    assert client.post("/consult/", {**VALID, "step": "confirm"}, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.post("/consult/", {**VALID, "step": "confirm"}, REMOTE_ADDR="192.0.2.2").status_code == 302

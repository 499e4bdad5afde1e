"""One mapping between the consulter form fields and the organisation/person records, both ways."""

import pytest

from madoguchi.cases.forms import consulter_data, consulter_initial
from madoguchi.cases.models import Organization, Person

TYPED = {
    "org_name": "株式会社サンプル商事",
    "industry": "I",
    "employee_band": "6-20",
    "prefecture": "神奈川県",
    "municipality": "横浜市",
    "person_name": "架空 太郎",
    "person_role": "総務部長",
    "phone": "03-0000-0000",
    "email": "taro@sample-shoji.example.jp",
}


def test_typed_fields_become_organisation_and_person_data():
    organization, person = consulter_data(TYPED)
    assert organization.name == "株式会社サンプル商事"
    assert (organization.industry, organization.employee_band) == ("I", "6-20")
    assert (organization.prefecture, organization.municipality) == ("神奈川県", "横浜市")
    assert (person.name, person.role_title, person.phone, person.email) == (
        "架空 太郎",
        "総務部長",
        "03-0000-0000",
        "taro@sample-shoji.example.jp",
    )


def test_public_form_without_a_role_field_gets_an_empty_role():
    _organization, person = consulter_data({k: v for k, v in TYPED.items() if k != "person_role"})
    assert person.role_title == ""


@pytest.mark.django_db
def test_stored_records_give_back_what_was_typed():
    organization = Organization.objects.create(
        name="株式会社サンプル商事", industry="I", employee_band="6-20", prefecture="神奈川県", municipality="横浜市"
    )
    person = Person.objects.create(
        organization=organization,
        name="架空 太郎",
        role_title="総務部長",
        phone="03-0000-0000",
        email="taro@sample-shoji.example.jp",
    )
    assert consulter_initial(organization=organization, person=person) == TYPED


def test_no_records_give_empty_fields_in_tokyo():
    initial = consulter_initial(organization=None, person=None)
    assert initial["prefecture"] == "東京都"
    assert {k: v for k, v in initial.items() if k != "prefecture"} == dict.fromkeys(set(TYPED) - {"prefecture"}, "")

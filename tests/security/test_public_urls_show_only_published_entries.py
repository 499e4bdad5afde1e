"""Public URLs that take an id or a slug answer only for published, reviewed, public entries: a draft, an entry in
review, an internal one, a retired one and a withdrawn case study are 404 to the public (the same as a missing
id) and their text appears on no public page; the completion pages of the consultation form and the guidebook
request form show a reference only to the session that submitted it, never for a guessed number (issue 15)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from madoguchi.accounts.roles import Role
from madoguchi.api import services as api_services
from madoguchi.casebook import services as casebook_services
from madoguchi.casebook.services import CaseStudyText
from madoguchi.casebook.tests.helpers import closed_case
from madoguchi.knowledge import faq_services
from madoguchi.knowledge.faq_services import FaqContent
from madoguchi.knowledge.models import UsefulLink
from madoguchi.outreach import services as outreach_services
from madoguchi.outreach.models import RequestSource
from madoguchi.taxonomy.models import Scheme, Term
from madoguchi.testing.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

# Which public URLs with a parameter (and completion pages) this file tries; the classification test checks it.
PUBLIC_ROUTES_TRIED = {
    "faq_public:detail",
    "faq_public:term",
    "casebook_public:detail",
    "api:faq_entry",
    "faq_public:links",
    "intake:done",
    "outreach_public:done",
}


@pytest.fixture
def term(db):
    scheme = Scheme.objects.create(
        code="tokyo_guidebook",
        name="架空のガイドブック",
        source_url="https://guidebook.example.jp/",
        as_of=dt.date(2026, 1, 1),
    )
    return Term.objects.create(scheme=scheme, code="mission1", ref="MISSION1", label="攻撃の知識", order=1)


@pytest.fixture
def faqs(tier1_staff, tier2_staff, manager, term):
    """One FAQ entry in each state, all public-visibility unless said otherwise, all under the same term."""

    def make(title: str, *, visibility: str = "public", to: tuple[str, ...] = ()):
        content = FaqContent(
            title=title, questions=[f"{title}の質問"], measures=f"{title}の回答", visibility=visibility, terms=[term]
        )
        faq = faq_services.faq_create(actor=tier1_staff, content=content)
        for status in to:
            actor = manager if status == "published" else tier1_staff
            faq = faq_services.faq_transition(actor=actor, faq=faq, expected_version=faq.version, to=status)
        return faq

    return {
        "published": make("faq-published-public", to=("in_review", "published")),
        "draft": make("faq-secret-draft"),
        "in_review": make("faq-secret-in-review", to=("in_review",)),
        "internal": make("faq-secret-internal", visibility="internal", to=("in_review", "published")),
        "retired": make("faq-secret-retired", to=("in_review", "published", "retired")),
    }


HIDDEN_FAQS = ("draft", "in_review", "internal", "retired")


def _without_request_id(content: bytes) -> bytes:
    return re.sub(rb"[0-9a-f]{16}", b"", content)


@pytest.mark.parametrize("state", HIDDEN_FAQS)
def test_an_faq_entry_that_is_not_published_and_public_is_404_like_a_missing_one(faqs, state):
    client = Client()
    hidden = faqs[state]
    response = client.get(reverse("faq_public:detail", kwargs={"pk": hidden.pk}))
    assert response.status_code == 404
    assert hidden.title not in response.content.decode()
    missing = client.get(reverse("faq_public:detail", kwargs={"pk": 999999}))
    assert missing.status_code == 404
    # The same page as for a missing id, but for the request id every error page carries.
    assert _without_request_id(response.content) == _without_request_id(missing.content)
    # The control: the published public entry does answer.
    assert client.get(reverse("faq_public:detail", kwargs={"pk": faqs["published"].pk})).status_code == 200


def test_public_lists_of_a_term_show_only_the_published_public_entry(faqs, term):
    client = Client()
    pages = [
        client.get(reverse("faq_public:term", kwargs={"scheme": term.scheme.code, "code": term.code})),
        client.get(reverse("faq_public:index")),
        client.get(reverse("faq_public:search"), {"q": "faq"}),
        client.get("/sitemap.xml"),
    ]
    for page in pages:
        assert page.status_code == 200
        body = page.content.decode()
        for state in HIDDEN_FAQS:
            assert faqs[state].title not in body
            assert reverse("faq_public:detail", kwargs={"pk": faqs[state].pk}) not in body
    assert faqs["published"].title in pages[0].content.decode()


def test_an_unknown_term_is_404():
    response = Client().get(reverse("faq_public:term", kwargs={"scheme": "tokyo_guidebook", "code": "no-such-term"}))
    assert response.status_code == 404


@pytest.mark.parametrize("state", HIDDEN_FAQS)
def test_the_api_faq_entry_is_the_public_site_not_the_desk(faqs, state):
    user = UserFactory(username="api-reader", role=Role.BACK)  # a role that may read every entry on the desk
    _token, raw = api_services.token_issue(actor=None, user=user, name="faq")
    client = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    response = client.get(reverse("api:faq_entry", kwargs={"id": faqs[state].pk}))
    assert response.status_code == 404
    assert faqs[state].title not in response.content.decode()
    listing = client.get(reverse("api:faq_list")).content.decode()
    assert faqs[state].title not in listing and faqs["published"].title in listing


def test_unpublished_useful_links_are_not_listed(tier1_staff):
    UsefulLink.objects.create(
        title="link-secret-unpublished",
        url="https://links.example.jp/hidden",
        publisher="見本機関",
        summary="見本",
        checked_on=dt.date(2026, 1, 1),
        published=False,
    )
    body = Client().get(reverse("faq_public:links")).content.decode()
    assert "link-secret-unpublished" not in body


def test_a_case_study_is_public_only_while_published(tier1_staff, tier2_staff, manager):
    client = Client()
    study = casebook_services.case_study_create(
        actor=tier2_staff, case=closed_case(tier1=tier1_staff), text=CaseStudyText(title="study-secret", situation="x")
    )
    url = reverse("casebook_public:detail", kwargs={"pk": study.pk})
    assert client.get(url).status_code == 404  # draft
    study = casebook_services.case_study_submit(actor=tier2_staff, study=study, expected_version=study.version)
    in_review = client.get(url)
    assert in_review.status_code == 404
    assert "study-secret" not in in_review.content.decode()
    study = casebook_services.case_study_publish(actor=manager, study=study, expected_version=study.version)
    assert client.get(url).status_code == 200
    # Any save withdraws it: the public page is gone until a manager publishes it again.
    casebook_services.case_study_update(
        actor=tier2_staff,
        study=study,
        expected_version=study.version,
        text=CaseStudyText(title="study-secret-withdrawn", situation="x"),
    )
    withdrawn = client.get(url)
    assert withdrawn.status_code == 404
    assert "study-secret" not in withdrawn.content.decode()
    assert "study-secret" not in client.get(reverse("casebook_public:index")).content.decode()


def test_completion_pages_show_nothing_for_a_guessed_number(tier1_staff):
    case = make_case(actor=tier1_staff)
    edition = outreach_services.edition_create(
        actor=UserFactory(username="stock", role=Role.BACK),
        name="見本版",
        published_on=dt.date(2026, 4, 1),
        stock=10,
        low_stock_threshold=1,
    )
    request = outreach_services.guidebook_request_create(
        actor=tier1_staff,
        source=RequestSource.STAFF,
        data=outreach_services.RequestData(
            edition=edition,
            copies=1,
            organization="見本商事",
            person_name="見本 花子",
            postal_code="160-0022",
            prefecture="東京都",
            address="新宿区新宿1-1-1",
        ),
    )
    client = Client()
    for name, reference, form in (
        ("intake:done", case.reference, "intake:form"),
        ("outreach_public:done", request.reference, "outreach_public:request"),
    ):
        for query in ({}, {"reference": reference}, {"ref": reference}, {"number": reference}):
            response = client.get(reverse(name), query)
            assert response.status_code == 302, (name, query)
            assert response["Location"] == reverse(form)
            assert reference not in response.content.decode()

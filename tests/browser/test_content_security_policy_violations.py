"""Real Chromium loads the busiest staff and public pages under our Content-Security-Policy with zero violations,
and the behaviour that used to be inline (language switch) still works."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from madoguchi.taxonomy.models import Scheme
from madoguchi.testing.factories import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed by Playwright before any page script; the page's own CSP does not apply to it.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = e.sourceFile + ":" + e.lineNumber;
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + where);
});
"""


def _violations(page: Page) -> list[str]:
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


def test_staff_and_public_pages_load_without_csp_violations(page, live_server, login, tier1_staff):
    call_command("load_reference_data", app=["referrals", "taxonomy"], verbosity=0)
    case = make_case(actor=tier1_staff)
    scheme = Scheme.objects.filter(terms__parent__isnull=False).distinct().first()
    assert scheme is not None
    console: list[str] = []
    page.on("console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.context.add_init_script(RECORD_VIOLATIONS)

    page.goto(f"{live_server.url}/consult/")
    assert page.evaluate("document.querySelector('meta[charset]') !== null")
    assert _violations(page) == []

    login(page, "tier1")
    seen = {}
    for url in [
        f"/staff/cases/{case.reference}/",
        "/staff/cases/new/?channel=phone",
        "/staff/reference/print/",
        f"/staff/taxonomy/schemes/{scheme.code}/",
    ]:
        response = page.goto(f"{live_server.url}{url}")
        assert response is not None and response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        seen[url] = _violations(page)
    assert seen == {url: [] for url in seen}

    # The language switch was an inline onchange handler; now page-actions.js submits the form.
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    page.select_option("#lang-select", "en")
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert _violations(page) == []
    assert console == []

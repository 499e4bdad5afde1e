"""Issue 10: the ~270-option classification select gets a search box that filters by substring, insensitive to
full-width/half-width and case (NFKC + case folding), keeps the scheme groups, shows the count, works from the
keyboard, and submitting adds the term. Without JavaScript the grouped select alone remains."""

import unicodedata

import pytest
from playwright.sync_api import expect

from madoguchi.taxonomy import reference_loader
from madoguchi.taxonomy.models import Term, TermAssignment
from madoguchi.testing.factories import dispatched_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fold(text):
    return unicodedata.normalize("NFKC", text).casefold()


@pytest.fixture
def case_screen(page, live_server, login, tier1_staff, tier2_staff):
    reference_loader.load(force=False, stdout=None)
    case = dispatched_case(tier1=tier1_staff)
    login(page, tier2_staff.username)
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/#panel-taxonomy")
    return case


def visible_options(page):
    return page.locator("#taxonomy select[name=term] option:not([hidden])").all_inner_texts()


def visible_groups(page):
    return page.locator("#taxonomy select[name=term] optgroup:not([hidden])").evaluate_all(
        "groups => groups.map(g => g.label)"
    )


def test_typing_ransom_leaves_only_matching_options_grouped_and_counted(page, case_screen):
    total = Term.objects.count()
    box = page.get_by_role("searchbox", name="分類項目を絞り込む")
    expect(box).to_be_visible()
    expect(page.locator("#taxonomy [role=status]")).to_have_text(f"該当 {total} 件（全 {total} 件）")
    box.fill("ランサム")
    shown = visible_options(page)
    expected = [t for t in Term.objects.all() if "ランサム" in t.label]
    assert len(shown) == len(expected) >= 4
    assert all("ランサム" in label for label in shown)
    expect(page.locator("#taxonomy [role=status]")).to_have_text(f"該当 {len(expected)} 件（全 {total} 件）")
    # Groups are kept: each scheme holding a match is still a labelled group, the others are hidden.
    schemes = {t.scheme.name for t in expected}
    assert set(visible_groups(page)) == schemes
    assert len(schemes) >= 2


def test_half_width_full_width_and_case_do_not_matter(page, case_screen):
    box = page.get_by_role("searchbox", name="分類項目を絞り込む")
    box.fill("ランサム")
    full = visible_options(page)
    box.fill("ﾗﾝｻﾑ")  # half-width katakana
    assert visible_options(page) == full
    box.fill("ｇｖ．ｏｃ")  # full-width, lower case: NIST CSF 2.0 GV.OC
    shown = visible_options(page)
    assert shown and all("gv.oc" in fold(label) for label in shown)
    box.fill("該当しない語句ｘｙｚ")
    assert visible_options(page) == []
    expect(page.locator("#taxonomy [role=status]")).to_contain_text("該当 0 件")


def test_keyboard_filter_choose_and_submit_adds_the_term(page, case_screen):
    box = page.get_by_role("searchbox", name="分類項目を絞り込む")
    box.fill("ランサム")
    select = page.get_by_role("listbox", name="分類項目を追加")
    # The first match is chosen, so Enter in the box adds it; arrow keys move into the list.
    first = page.locator("#taxonomy select[name=term] option:not([hidden])").first.inner_text()
    assert select.evaluate("s => s.options[s.selectedIndex].text") == first
    box.press("ArrowDown")
    expect(select).to_be_focused()
    page.keyboard.press("ArrowDown")
    chosen = select.evaluate("s => s.options[s.selectedIndex].text")
    assert "ランサム" in chosen and chosen != first
    chosen_pk = int(select.input_value())
    page.keyboard.press("Shift+Tab")
    expect(box).to_be_focused()
    select.focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the 追加 button
    expect(page.locator("#taxonomy ul")).to_contain_text(chosen.strip())
    assert TermAssignment.objects.filter(object_id=case_screen.pk, term_id=chosen_pk).exists()


def test_enter_in_the_box_adds_the_first_match(page, case_screen):
    box = page.get_by_role("searchbox", name="分類項目を絞り込む")
    box.fill("該当しない語句ｘｙｚ")
    box.press("Enter")  # nothing matches: Enter sends no empty choice, the page stays as it is
    expect(box).to_have_value("該当しない語句ｘｙｚ")
    assert not TermAssignment.objects.exists()
    box.fill("ランサムウェアを使った詐欺")
    box.press("Enter")
    expect(page.locator("#taxonomy ul")).to_contain_text("ランサムウェアを使った詐欺・恐喝")


def test_without_javascript_the_grouped_select_is_the_picker(browser, live_server, tier1_staff, tier2_staff, client):
    reference_loader.load(force=False, stdout=None)
    case = dispatched_case(tier1=tier1_staff)
    context = browser.new_context(java_script_enabled=False, locale="ja-JP")
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/accounts/login/")
    page.fill("#id_username", tier2_staff.username)
    page.fill("#id_password", "correct-horse-battery")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/staff/cases/{case.reference}/")
    expect(page.get_by_role("searchbox", name="分類項目を絞り込む")).to_be_hidden()
    select = page.get_by_role("combobox", name="分類項目を追加")
    assert select.locator("optgroup").count() >= 5
    term = Term.objects.get(scheme__code="nist_csf_2_0", code="gv_oc")
    select.select_option(str(term.pk))
    page.locator("#taxonomy").get_by_role("button", name="追加").click()
    expect(page.locator("#taxonomy ul")).to_contain_text(term.label)
    context.close()

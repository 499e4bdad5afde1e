"""Checks a desk worker's walk makes in every state it reaches: axe (WCAG 2.1 AA), Japanese-only text, and fields
whose help texts and error messages are really connected to them (aria-describedby pointing at elements that exist)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

from tests.browser.axe import assert_no_axe_violations

# Product names, formats and codes that are English on purpose.
ALLOWED_WORDS = frozenset(
    {
        "API",
        "CSV",
        "Excel",
        "XLSX",
        "PDF",
        "URL",
        "Web",
        "FAQ",
        "Markdown",
        "MISSION",
        "NIST",
        "CSF",
        "IPA",
        "METI",
        "SME",
        "Madoguchi",
        "English",  # the language switch offers English in English
        "ID",
        "IP",
    }
)
# Words containing a digit (受付番号 GB-2026-00001, token prefixes) are codes, not text.
_WORD = re.compile(r"(?<![\w.@/-])[A-Za-z][A-Za-z_]+(?![\w.@/:-])")


def english_words(page: Page, *, allow: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """ASCII-only words a desk worker sees (visible text and control labels), outside the allow-list."""
    text = page.evaluate(
        """() => {
            const parts = [document.title, document.body.innerText];
            for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
                parts.push(el.getAttribute('aria-label') || '', el.getAttribute('title') || '',
                           el.getAttribute('placeholder') || '');
            }
            for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) parts.push(el.value);
            let text = parts.join('\\n');
            // <code> holds codes (an API token, its prefix), not words.
            for (const el of document.querySelectorAll('code')) text = text.split(el.innerText).join(' ');
            return text;
        }"""
    )
    allowed = ALLOWED_WORDS | set(allow)
    return sorted({w for w in _WORD.findall(text) if w not in allowed})


def dangling_descriptions(page: Page) -> list[str]:
    """aria-describedby / aria-labelledby ids that name no element, and invalid fields whose error is not described."""
    return list(
        page.evaluate(
            """() => {
                const out = [];
                for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby]')) {
                    for (const attr of ['aria-describedby', 'aria-labelledby']) {
                        for (const id of (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)) {
                            if (!document.getElementById(id)) out.push(`${el.name || el.id}: ${attr}=${id}`);
                        }
                    }
                }
                for (const box of document.querySelectorAll('.field.has-error')) {
                    const control = box.querySelector('input:not([type=hidden]), select, textarea');
                    const error = box.querySelector('.error');
                    if (!control || !error) continue;
                    const ids = (control.getAttribute('aria-describedby') || '').split(/\\s+/);
                    const described = ids.some((id) => id && (document.getElementById(id) === error
                        || error.contains(document.getElementById(id))));
                    if (!described) out.push(`${control.name}: error not in aria-describedby`);
                }
                return out;
            }"""
        )
    )


def check_state(page: Page, *, allow: set[str] | frozenset[str] = frozenset()) -> None:
    """Everything a walk asserts about a screen in the state it has reached."""
    assert_no_axe_violations(page)
    words = english_words(page, allow=allow)
    assert words == [], (page.url, words)
    dangling = dangling_descriptions(page)
    assert dangling == [], (page.url, dangling)


def visible_text(page: Page) -> str:
    return str(page.evaluate("() => document.body.innerText"))


def form_values(page: Page) -> str:
    """Every value typed into a control on the page, joined (to check nothing of a former user is left in one)."""
    return str(
        page.evaluate(
            """() => Array.from(document.querySelectorAll('input:not([type=hidden]), textarea'))
                .map((el) => el.value).join('\\n')"""
        )
    )

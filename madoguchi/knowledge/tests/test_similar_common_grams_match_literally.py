"""The similar-records walk over the newest entries matches its grams as literal text, whatever characters they hold.

PostgreSQL reads the common grams as one regular expression of alternatives (`backends.base.regex_escape`); a gram
with a regular-expression character must still match only itself. SQLite does not use the expression; there the
escaping is checked against Python's `re`, which reads a backslash before a non-alphanumeric character the same way.
"""

import re

import pytest
from django.db import connection

from madoguchi.knowledge.search.backends.base import regex_escape

pytestmark = pytest.mark.django_db

GRAMS = [".*", "a|b", "(x", "\\d", "[a", "^$", "1.5", "c++", "全角＋", "ランサ", "{2}", "a b", "?"]
TEXTS = [
    "abc",
    "a|b を含む",
    "(x)",
    "\\d だけ",
    "[a]",
    "^$",
    "135",
    "1.5",
    "c++ の話",
    "全角＋記号",
    "ランサム",
    "x{2}",
    "a b",
    "?",
]


def _matches(pattern: str, text: str) -> bool:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT %s ~ %s", [text, pattern])
            return bool(cursor.fetchone()[0])
    return re.search(pattern, text) is not None


@pytest.mark.parametrize("gram", GRAMS)
def test_an_escaped_gram_matches_exactly_the_texts_that_contain_it(gram):
    assert [t for t in TEXTS if _matches(regex_escape(gram), t)] == [t for t in TEXTS if gram in t]


def test_alternatives_match_a_text_holding_any_of_them():
    pattern = "|".join(regex_escape(g) for g in ["c++", "(x", "ランサ"])
    assert [t for t in TEXTS if _matches(pattern, t)] == ["(x)", "c++ の話", "ランサム"]

"""Every mail problem, skipped-part and quarantine sentence has an English translation with the same placeholders."""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from madoguchi.intake.mail.messages import PROBLEM_MESSAGES, SKIPPED_PART_MESSAGES
from madoguchi.intake.problem_messages import QUARANTINE_MESSAGES

TEMPLATES = sorted({*PROBLEM_MESSAGES.values(), *SKIPPED_PART_MESSAGES.values(), *QUARANTINE_MESSAGES.values()})


@pytest.mark.parametrize("template", TEMPLATES)
def test_sentence_is_translated_to_english_with_the_same_placeholders(template):
    with translation.override("en"):
        english = gettext(template)

    assert english != template
    assert sorted(re.findall(r"%\((\w+)\)s", english)) == sorted(re.findall(r"%\((\w+)\)s", template))

"""Marking Japanese text for the message catalogue from code that must not import Django.

The pure-Python parts (mail decoding in `intake/mail/`, the triage engine) store Japanese sentences and
the Django side translates them when they are shown. `makemessages` finds the sentences by this
function's name, which is one of the keywords it passes to xgettext.
"""


def gettext_noop(message: str) -> str:
    return message

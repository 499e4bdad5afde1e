"""Personal-data masking for text that leaves a consultation (FAQ drafts, casebook entries).

Pure Python, no Django: callers pass what the consultation's own records say about the consulter in
`KnownEntities`; the result lists every masked span (offsets into the original text) so a reviewer can
see and adjust each one. Detection works on NFKC-normalised text (docs/masking.md).
"""

from madoguchi.privacy.masking.engine import mask_text
from madoguchi.privacy.masking.types import PLACEHOLDERS, KnownEntities, MaskResult, Span, SpanType, apply_spans

__all__ = ["PLACEHOLDERS", "KnownEntities", "MaskResult", "Span", "SpanType", "apply_spans", "mask_text"]

from __future__ import annotations

from madoguchi.privacy.masking import KnownEntities, mask_text


def masked_types(text: str, *, known: KnownEntities | None = None) -> dict[str, str]:
    """Masked text -> span type, for asserting what was found."""
    return {s.text: s.type.value for s in mask_text(text, known=known).spans}


def masked(text: str, *, known: KnownEntities | None = None) -> str:
    return mask_text(text, known=known).masked

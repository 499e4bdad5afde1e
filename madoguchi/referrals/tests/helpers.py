"""What the staff edit form posts for an organisation, built from the stored record, so tests change one field."""

from __future__ import annotations

from madoguchi.referrals.models import ReferralOrganization

_KIND_LABELS = {"phone": "電話", "web": "Web", "email": "メール", "counter": "窓口"}


def organization_form_data(org: ReferralOrganization, **overrides: object) -> dict[str, object]:
    """The edit form as loaded for `org` (including the version it was loaded at); None drops a field."""
    data: dict[str, object] = {
        "name": org.name,
        "short_name": org.short_name,
        "entry_type": org.entry_type,
        "handles": org.handles,
        "audience": org.audience,
        "channels": "\n".join(
            " | ".join([_KIND_LABELS[c["kind"]], c["value"], c["hours"], c["note"]]) for c in org.channels
        ),
        "region": org.region,
        "categories": org.categories,
        "situations": list(org.situations.values_list("code", flat=True)),
        "source_url": org.source_url,
        "source_note": org.source_note,
        "as_of": org.as_of.isoformat(),
        "as_of_basis": org.as_of_basis,
        "verification_note": org.verification_note,
        "notes": org.notes,
        "version": org.version,
    }
    if org.public:
        data["public"] = "on"
    if org.verified:
        data["verified"] = "on"
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}

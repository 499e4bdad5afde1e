"""Plain-text rendering of organisations for answer part ② (相談・届出先)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from madoguchi.referrals.models import ChannelKind, ReferralOrganization

_KIND_LABEL = {
    ChannelKind.PHONE: "電話",
    ChannelKind.WEB: "Web",
    ChannelKind.EMAIL: "メール",
    ChannelKind.COUNTER: "窓口",
}


def jdate(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def referral_block(organization: ReferralOrganization) -> str:
    lines = [f"■ {organization.name}", f"　{organization.handles}"]
    for channel in organization.channels:
        label = _KIND_LABEL.get(ChannelKind(channel["kind"]), channel["kind"])
        line = f"　{label}：{channel['value']}"
        if channel.get("hours"):
            line += f"（{channel['hours']}）"
        lines.append(line)
    return "\n".join(lines)


def referrals_text(*, organizations: list[ReferralOrganization], today: dt.date) -> str:
    """Blocks for the chosen organisations, dated: contact details change and the answer must say when."""
    blocks = [referral_block(org) for org in organizations]
    footer = _("※ 連絡先は%(date)s時点の情報です。") % {"date": jdate(today)}
    return "\n\n".join([*blocks, footer])

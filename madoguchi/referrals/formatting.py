"""Plain-text rendering of organisations for answer part ② (相談・届出先)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from madoguchi.referrals.freshness import checked_on, is_stale
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
    # Each entry says when its details were last confirmed, not when the answer was written.
    lines.append("　" + _("（連絡先は%(date)sに確認した情報です）") % {"date": jdate(checked_on(organization))})
    return "\n".join(lines)


def referrals_text(*, organizations: list[ReferralOrganization], today: dt.date) -> str:
    """Blocks for the chosen organisations, each with the day its contact details were last confirmed."""
    blocks = [referral_block(org) for org in organizations]
    footer = _("※ 連絡先は変わることがあります。お問い合わせの前に各機関の Web サイトでもご確認ください。")
    return "\n\n".join([*blocks, footer])


def stale_warning(*, organizations: list[ReferralOrganization], today: dt.date) -> str:
    """A warning for the writer when a chosen entry is due for re-checking (要確認); empty when none is."""
    stale = [org for org in organizations if is_stale(org, today=today)]
    if not stale:
        return ""
    names = "、".join(f"{org.name}（{jdate(checked_on(org))}確認）" for org in stale)
    return _("次の紹介先は確認から期間がたっています（要確認）：%(names)s。送付の前に連絡先を確かめてください。") % {
        "names": names
    }

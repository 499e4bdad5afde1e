"""Badges every screen showing a directory entry uses: 未検証 (never seen in a source) and 要確認 (stale)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from madoguchi.referrals.freshness import checked_on, is_stale
from madoguchi.referrals.models import ChannelKind, SourcedRecord

register = template.Library()

# Built once: `ChannelKind.values` and `ChannelKind(kind)` rebuild the choices on every call, and a directory entry
# on the case screen shows several channels. The labels stay lazy, so each request gets its own language.
_CHANNEL_LABELS = {kind.value: kind.label for kind in ChannelKind}


@register.simple_tag
def ref_badges(record: SourcedRecord) -> SafeString:
    badges: list[tuple[str, str, str]] = []
    if not record.verified:
        badges.append(("unverified", _("出典で確認できていない情報を含みます"), _("未検証")))
    if is_stale(record):
        title = _("最終確認（または情報の日付）: %(date)s") % {"date": checked_on(record).isoformat()}
        badges.append(("stale", title, _("要確認")))
    return format_html_join("", '<span class="badge {}" title="{}">{}</span>', badges)


@register.filter
def channel_label(kind: str) -> str:
    label = _CHANNEL_LABELS.get(kind)
    return kind if label is None else str(label)


@register.simple_tag
def channel_value(channel: dict[str, str]) -> SafeString:
    value = channel.get("value", "")
    if channel.get("kind") == ChannelKind.WEB:
        return format_html('<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>', value, value)
    if channel.get("kind") == ChannelKind.PHONE and not value.startswith("#"):
        return format_html('<a href="tel:{}">{}</a>', value.replace("-", ""), value)
    return format_html("{}", value)

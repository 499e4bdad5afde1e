"""Casebook (事例集), guidebook revision proposals and staff know-how reports (issue 14)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStudyStatus(models.TextChoices):
    DRAFT = "draft", _("下書き")
    IN_REVIEW = "in_review", _("確認待ち")
    PUBLISHED = "published", _("公開中")


# The one table of allowed moves; publishing also needs a reviewer who is not an author (services).
CASE_STUDY_TRANSITIONS: dict[str, frozenset[str]] = {
    CaseStudyStatus.DRAFT: frozenset({CaseStudyStatus.IN_REVIEW}),
    CaseStudyStatus.IN_REVIEW: frozenset({CaseStudyStatus.DRAFT, CaseStudyStatus.PUBLISHED}),
    CaseStudyStatus.PUBLISHED: frozenset({CaseStudyStatus.DRAFT}),
}


class CaseStudy(models.Model):
    """One anonymised case study written from a closed consultation; only masked text is stored."""

    source_case = models.ForeignKey(
        "cases.Case", verbose_name=_("元の相談案件"), on_delete=models.PROTECT, related_name="case_studies"
    )
    title = models.CharField(_("題名"), max_length=200)
    situation = models.TextField(_("状況"))
    company_actions = models.TextField(_("企業が行ったこと"), blank=True)
    desk_advice = models.TextField(_("窓口の助言"), blank=True)
    lessons = models.TextField(_("教訓"), blank=True)
    organizations = models.ManyToManyField(
        "referrals.ReferralOrganization", verbose_name=_("支援した機関"), blank=True, related_name="case_studies"
    )
    status = models.CharField(_("状態"), max_length=16, choices=CaseStudyStatus.choices, default=CaseStudyStatus.DRAFT)
    authors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("執筆した職員"), blank=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("確認・公開した職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField(_("公開日時"), null=True, blank=True)
    version = models.PositiveIntegerField(_("版"), default=1, editable=False)
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("事例")
        verbose_name_plural = _("事例集")
        ordering = ["-updated_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(reviewed_by__isnull=False),
                name="case_study_published_has_reviewer",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("提案")
    UNDER_REVIEW = "under_review", _("検討中")
    ADOPTED = "adopted", _("採用")
    DECLINED = "declined", _("見送り")


PROPOSAL_TRANSITIONS: dict[str, frozenset[str]] = {
    ProposalStatus.PROPOSED: frozenset({ProposalStatus.UNDER_REVIEW, ProposalStatus.DECLINED}),
    ProposalStatus.UNDER_REVIEW: frozenset({ProposalStatus.ADOPTED, ProposalStatus.DECLINED}),
    ProposalStatus.ADOPTED: frozenset(),
    ProposalStatus.DECLINED: frozenset({ProposalStatus.UNDER_REVIEW}),
}


class RevisionProposal(models.Model):
    """A proposed change to one section (MISSION) of the guidebook, held as a term of its taxonomy scheme."""

    section = models.ForeignKey(
        "taxonomy.Term", verbose_name=_("ガイドブックの項目"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("件名"), max_length=200)
    change = models.TextField(_("変更すべき点"))
    reason = models.TextField(_("理由"))
    source_urls = models.TextField(_("出典 URL（1 行に 1 件）"), blank=True)
    archive_items = models.ManyToManyField(
        "knowledge.ArchiveItem", verbose_name=_("情報アーカイブの資料"), blank=True, related_name="+"
    )
    status = models.CharField(_("状態"), max_length=16, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED)
    decision_note = models.TextField(_("判断の理由"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提案者"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("判断した職員"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新日時"), auto_now=True)

    class Meta:
        verbose_name = _("改訂提案")
        verbose_name_plural = _("改訂提案")
        ordering = ["section__order", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def source_url_list(self) -> list[str]:
        return [line.strip() for line in self.source_urls.splitlines() if line.strip()]


class KnowhowKind(models.TextChoices):
    SEMINAR = "seminar", _("セミナー参加")
    EXCHANGE = "exchange", _("関係機関との意見交換")
    SELF_STUDY = "self_study", _("自己研鑽")


class KnowhowReport(models.Model):
    """実践的なノウハウ・知識の報告書: what a staff member learned, linked to the taxonomy terms it covers."""

    kind = models.CharField(_("種類"), max_length=16, choices=KnowhowKind.choices)
    title = models.CharField(_("題名"), max_length=200)
    held_on = models.DateField(_("実施日"), db_index=True)
    counterpart = models.CharField(_("主催者・相手先"), max_length=200, blank=True)
    body = models.TextField(_("報告内容"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("報告者"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("作成日時"), auto_now_add=True)

    class Meta:
        verbose_name = _("ノウハウ報告書")
        verbose_name_plural = _("ノウハウ報告書")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

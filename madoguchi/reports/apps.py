from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "madoguchi.reports"
    verbose_name = _("報告・ガイドブック・保存期間")

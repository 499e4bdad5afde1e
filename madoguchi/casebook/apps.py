from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasebookConfig(AppConfig):
    name = "madoguchi.casebook"
    verbose_name = _("事例集・ガイドブック")

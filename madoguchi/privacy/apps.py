from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "madoguchi.privacy"
    verbose_name = _("個人情報のマスキング")

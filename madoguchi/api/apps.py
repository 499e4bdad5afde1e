from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "madoguchi.api"
    verbose_name = _("外部連携 API")

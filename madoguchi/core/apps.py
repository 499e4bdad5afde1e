from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "madoguchi.core"
    verbose_name = _("共通")

    def ready(self) -> None:
        from madoguchi.core import db_checks  # noqa: F401  (connects signal handlers)

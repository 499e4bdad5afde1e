from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "madoguchi.core"
    verbose_name = _("共通")

    def ready(self) -> None:
        from madoguchi.core import checks, db_checks, validation_messages  # noqa: F401  (checks, signal handlers)

        validation_messages.install()

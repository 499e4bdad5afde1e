from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "madoguchi.accounts"
    verbose_name = _("職員・監査")

    def ready(self) -> None:
        from madoguchi.accounts import signals  # noqa: F401  (login/logout audit)

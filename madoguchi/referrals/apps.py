from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "madoguchi.referrals"
    verbose_name = _("相談・届出先と適用法規")

    def ready(self) -> None:
        from madoguchi.referrals.panels import register_panels

        register_panels()

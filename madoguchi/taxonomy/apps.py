from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "madoguchi.taxonomy"
    verbose_name = _("分類体系")

    def ready(self) -> None:
        from madoguchi.taxonomy.panels import register_panels

        register_panels()

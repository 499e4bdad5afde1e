from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "madoguchi.taxonomy"
    verbose_name = _("分類体系")

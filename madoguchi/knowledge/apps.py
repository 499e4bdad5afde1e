from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "madoguchi.knowledge"
    verbose_name = _("ナレッジ")

    def ready(self) -> None:
        from madoguchi.cases import services as case_services
        from madoguchi.cases import views as case_views
        from madoguchi.knowledge.case_index import case_keyword_filter, index_case
        from madoguchi.knowledge.panels import register_panels
        from madoguchi.knowledge.reference_index import index_organization, sync_reference_data
        from madoguchi.referrals import hooks as referral_hooks

        # Cases never import knowledge: the index and the case-list keyword filter plug in here.
        case_services.register_after_save(index_case)
        # Nor does the directory (a leaf): its services and loader call these hooks.
        referral_hooks.register_organization_saved(index_organization)
        referral_hooks.register_reference_loaded(sync_reference_data)
        case_views.keyword_filter = case_keyword_filter
        register_panels()

from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from madoguchi.knowledge.public_faq_views import SITEMAPS

urlpatterns: list[URLPattern | URLResolver] = [
    # Public site
    path("", include("madoguchi.intake.public_urls")),
    path("directory/", include("madoguchi.referrals.public_urls")),
    path("casebook/", include("madoguchi.casebook.public_urls")),
    path("", include("madoguchi.knowledge.public_faq_urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("guidebook/", include("madoguchi.outreach.public_urls")),
    # Staff desk
    path("staff/", include("madoguchi.cases.urls")),
    path("staff/accounts/", include("madoguchi.accounts.urls")),
    path("staff/answers/", include("madoguchi.answers.urls")),
    path("staff/intake/", include("madoguchi.intake.staff_urls")),
    path("staff/reference/", include("madoguchi.referrals.urls")),
    path("staff/playbooks/", include("madoguchi.playbooks.urls")),
    path("staff/knowledge/", include("madoguchi.knowledge.urls")),
    path("staff/triage/", include("madoguchi.triage.urls")),
    path("staff/taxonomy/", include("madoguchi.taxonomy.urls")),
    path("staff/casebook/", include("madoguchi.casebook.urls")),
    path("staff/notifications/", include("madoguchi.notifications.urls")),
    path("staff/outreach/", include("madoguchi.outreach.urls")),
    path("staff/reports/", include("madoguchi.reports.urls")),
    path("api/v1/", include("madoguchi.api.urls")),
    path("staff/api-tokens/", include("madoguchi.api.staff_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # Load balancers and monitoring: /healthz, /readyz (no login, no personal data).
    path("", include("madoguchi.ops.urls")),
]

handler400 = "madoguchi.core.error_views.bad_request"
handler403 = "madoguchi.core.error_views.permission_denied"
handler404 = "madoguchi.core.error_views.page_not_found"
handler500 = "madoguchi.core.error_views.server_error"

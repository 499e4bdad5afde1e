from django.urls import include, path

urlpatterns = [
    path("", include("madoguchi.intake.public_urls")),
    path("staff/", include("madoguchi.cases.urls")),
    path("staff/accounts/", include("madoguchi.accounts.urls")),
    path("staff/answers/", include("madoguchi.answers.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]

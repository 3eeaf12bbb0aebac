from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("wissen/", views.resource_list, name="list"),
    path("wissen/einreichen/", views.best_practice_submit, name="submit"),
    path("wissen/leitfaden/<slug:slug>/", views.guide_detail, name="guide"),
    path("wissen/leitfaden/<slug:slug>/pdf/", views.guide_pdf, name="guide_pdf"),
    path("wissen/<slug:slug>/", views.resource_detail, name="detail"),
    path("wissen/<slug:slug>/download/", views.resource_download, name="download"),
    path(
        "wissen/<slug:slug>/download/v<int:version>/",
        views.resource_download_version,
        name="download_version",
    ),
    path("foerderung/", views.funding, name="funding"),
    path("suche/", views.search, name="search"),
]

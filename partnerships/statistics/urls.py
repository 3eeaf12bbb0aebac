from django.urls import path

from partnerships.statistics import report_views, views

app_name = "statistics"

urlpatterns = [
    path("statistik/", views.statistics_page, name="page"),
    path("statistik/<slug:key>.csv", views.statistics_csv, name="csv"),
    path("statistik/bericht/", report_views.report, name="report"),
]

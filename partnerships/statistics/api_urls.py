from django.urls import path

from partnerships.statistics import views

urlpatterns = [
    path("api/statistik.json", views.statistics_api, name="statistics_api"),
    path("api/grenzen.geojson", views.boundaries_geojson, name="boundaries_geojson"),
]

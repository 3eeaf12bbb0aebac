from django.urls import path

from partnerships import api

urlpatterns = [
    path("api/partnerships.geojson", api.partnerships_geojson, name="partnerships_geojson"),
    path("api/partnerships.csv", api.partnerships_csv, name="partnerships_csv"),
]

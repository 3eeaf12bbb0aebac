from django.urls import path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("partnerschaften/", views.partnership_list, name="list"),
    path("partnerschaften/<slug:slug>/", views.partnership_detail, name="detail"),
    path("karte/", views.partnership_map, name="map"),
    path("akteure/<slug:slug>/", views.actor_detail, name="actor_detail"),
]

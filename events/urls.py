from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("rueckblick/", views.event_past, name="past"),
    path("feed.ics", views.feed_all, name="feed"),
    path("reihe/<slug:slug>/feed.ics", views.feed_series, name="series_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/termin.ics", views.event_ics_download, name="ics"),
    path("<int:pk>/anmeldung/<str:token>/", views.registration_manage, name="manage"),
    path("<int:pk>/teilnehmen/<str:token>/", views.join, name="join"),
]

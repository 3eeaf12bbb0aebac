from django.urls import path

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path("", views.index, name="index"),
    path("danke/", views.thanks, name="thanks"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("einstellungen/<str:token>/", views.preferences, name="preferences"),
    path("einstellungen/<str:token>/loeschen/", views.delete_data, name="delete_data"),
    path("geloescht/", views.deleted, name="deleted"),
    path("archiv/", views.archive, name="archive"),
    path("archiv/<int:pk>/", views.archive_issue, name="archive_issue"),
]

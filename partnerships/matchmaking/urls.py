from django.urls import path

from partnerships.matchmaking import editor_views, views

app_name = "matchmaking"

urlpatterns = [
    path("partnersuche/", views.profile_list, name="list"),
    path("partnersuche/karte.json", views.profile_map_data, name="map_data"),
    path("partnersuche/<int:pk>/kontakt/", views.profile_contact, name="contact"),
    path("partnersuche/kontakt/danke/", views.contact_thanks, name="contact_thanks"),
    path("partnersuche/wir-suchen/", views.partner_request, name="request"),
    path("partnersuche/wir-suchen/danke/", views.partner_request_thanks, name="request_thanks"),
    path("partnersuche/antwort/<str:token>/", views.introduction_answer, name="answer"),
    path(
        "partnersuche/benachrichtigungen/<str:token>/",
        views.notifications_opt_out,
        name="opt_out",
    ),
    path(
        "mein-bereich/partnersuche/benachrichtigungen/",
        editor_views.notifications_toggle,
        name="notifications_toggle",
    ),
    path(
        "partnersuche/vorschlaege/<slug:slug>/", views.actor_suggestions, name="actor_suggestions"
    ),
    path(
        "mein-bereich/suchprofile/neu/<slug:slug>/",
        editor_views.profile_create,
        name="profile_create",
    ),
    path("mein-bereich/suchprofile/<int:pk>/", editor_views.profile_edit, name="profile_edit"),
    path(
        "mein-bereich/suchprofile/<int:pk>/verlaengern/",
        editor_views.profile_extend,
        name="profile_extend",
    ),
    path(
        "mein-bereich/suchprofile/<int:pk>/loeschen/",
        editor_views.profile_delete,
        name="profile_delete",
    ),
]

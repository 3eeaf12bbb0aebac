from django.urls import path

from partnerships.exchange import editor_views, views

app_name = "exchange"

urlpatterns = [
    path("bedarfsboerse/", views.item_list, name="list"),
    path("bedarfsboerse/karte.json", views.map_data, name="map_data"),
    path("bedarfsboerse/<int:pk>/", views.item_detail, name="detail"),
    path("bedarfsboerse/<int:pk>/kontakt/", views.item_contact, name="contact"),
    path("bedarfsboerse/kontakt/danke/", views.contact_thanks, name="contact_thanks"),
    path("bedarfsboerse/benachrichtigungen/<str:token>/", views.digest_opt_out, name="opt_out"),
    path("mein-bereich/bedarfsboerse/", editor_views.my_exchange, name="mine"),
    path("mein-bereich/bedarfsboerse/neu/<str:kind>/", editor_views.item_create, name="create"),
    path("mein-bereich/bedarfsboerse/<int:pk>/", editor_views.item_edit, name="edit"),
    path(
        "mein-bereich/bedarfsboerse/<int:pk>/<str:kind>/<int:file_pk>/entfernen/",
        editor_views.item_file_remove,
        name="file_remove",
    ),
    path(
        "mein-bereich/bedarfsboerse/<int:pk>/schritt/<str:action>/",
        editor_views.item_step,
        name="step",
    ),
    path(
        "mein-bereich/bedarfsboerse/<int:pk>/reservieren/",
        editor_views.item_reserve,
        name="reserve",
    ),
    path(
        "mein-bereich/bedarfsboerse/vermittlung/<int:pk>/uebergabe/",
        editor_views.handover,
        name="handover",
    ),
    path(
        "mein-bereich/bedarfsboerse/vermittlung/<int:pk>/foto/<int:photo_pk>/entfernen/",
        editor_views.handover_photo_remove,
        name="handover_photo_remove",
    ),
    path(
        "mein-bereich/bedarfsboerse/vermittlung/<int:pk>/verwendung/",
        editor_views.use_report,
        name="use_report",
    ),
    path(
        "mein-bereich/bedarfsboerse/vermittlung/<int:pk>/nachricht/",
        editor_views.message_post,
        name="message",
    ),
]

from django.urls import path

from partnerships import editor_views, views

app_name = "partnerships"

urlpatterns = [
    path("partnerschaften/", views.partnership_list, name="list"),
    path("partnerschaften/<slug:slug>/", views.partnership_detail, name="detail"),
    path("partnerschaften/<slug:slug>/pdf/", views.partnership_pdf, name="pdf"),
    path("karte/", views.partnership_map, name="map"),
    path("akteure/", views.actor_list, name="actor_list"),
    path("akteure/<slug:slug>/", views.actor_detail, name="actor_detail"),
]

urlpatterns += [
    path("akteure/<slug:slug>/bearbeiten/", editor_views.actor_edit, name="actor_edit"),
    path("akteure/<slug:slug>/zugang/", editor_views.access_request, name="access_request"),
    path(
        "mein-bereich/orte/",
        editor_views.place_candidates,
        name="place_candidates",
    ),
    path(
        "mein-bereich/partnerschaften/vorschlagen/",
        editor_views.partnership_propose,
        name="propose",
    ),
    path(
        "mein-bereich/partnerschaften/<slug:slug>/",
        editor_views.partnership_edit,
        name="edit",
    ),
    path(
        "mein-bereich/partnerschaften/<slug:slug>/<str:kind>/neu/",
        editor_views.item_edit,
        name="item_add",
    ),
    path(
        "mein-bereich/partnerschaften/<slug:slug>/<str:kind>/<int:pk>/",
        editor_views.item_edit,
        name="item_edit",
    ),
    path(
        "mein-bereich/partnerschaften/<slug:slug>/<str:kind>/<int:pk>/loeschen/",
        editor_views.item_delete,
        name="item_delete",
    ),
    path(
        "mein-bereich/einladung/<str:token>/",
        editor_views.invitation_accept,
        name="invitation_accept",
    ),
]

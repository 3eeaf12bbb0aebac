"""Newsletter URLs without a language prefix: one-click unsubscribe and ESP webhooks."""

from django.conf import settings
from django.urls import include, path

from newsletter import views

app_name = "newsletter_api"

urlpatterns = [
    path(
        "newsletter/abmelden/<str:token>/<int:newsletter_id>/",
        views.unsubscribe,
        name="unsubscribe",
    ),
]

if settings.NEWSLETTER_TRACKING_WEBHOOKS:
    # django-anymail's tracking webhooks (/anymail/<esp>/tracking/), protected by
    # ANYMAIL_WEBHOOK_SECRET; newsletter.signals turns bounces and complaints into "bounced".
    urlpatterns += [path("anymail/", include("anymail.urls"))]

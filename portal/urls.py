"""Root URLs. Public pages live under a language prefix (/de/, /uk/, /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal import views
from portal.uploads.serving import media_serve

handler500 = "portal.views.server_error"

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
    path("readyz/", views.readyz, name="readyz"),
    path("admin/", admin.site.urls),
]
# URLs without a language prefix (open-data APIs, webhooks, feeds) live in <app>/api_urls.py.
urlpatterns += [
    path("", include("partnerships.api_urls")),
    path("", include("newsletter.api_urls")),
    path("", include("partnerships.statistics.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("portal.public_urls")),
    path("konto/", include("allauth.urls")),
    path("", include("partnerships.urls")),
    path("", include("partnerships.matchmaking.urls")),
    path("", include("partnerships.exchange.urls")),
    path("", include("partnerships.statistics.urls")),
    path("", include("partnerships.surveys.urls")),
    path("veranstaltungen/", include("events.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("", include("knowledge.urls")),
)

# Uploaded files: every request is checked against the owner's visibility (drafts,
# replaced files); in production the proxy sends the bytes (portal/uploads/serving.py).
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media_serve, name="media")]

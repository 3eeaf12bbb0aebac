from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import services
from portal.forms import CONSULTATION_CONSENT_TEXT, ConsultationForm
from portal.home import home_sections
from portal.models import Horizon
from portal.ratelimit import client_ip, rate_limit_hit


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/home.html",
        {"sections": home_sections(), "horizons": Horizon.objects.all()},
    )


def consultation(request: HttpRequest) -> HttpResponse:
    # A Ukrainian reader is most often writing for a Ukrainian community.
    initial = {"country": "UA" if get_language() == "uk" else "DE"}
    form = ConsultationForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        ip = client_ip(request)
        limit, window = settings.CONSULTATION_RATE_LIMIT
        if not form.is_valid():
            status = 400
        elif not rate_limit_hit(scope="consultation", key=ip or "-", limit=limit, window=window):
            form.add_error(
                None,
                _(
                    "Von Ihrer Adresse kamen in der letzten Stunde zu viele Anfragen. Bitte "
                    "versuchen Sie es später noch einmal oder rufen Sie uns an."
                ),
            )
            status = 429
        else:
            services.consultation_request_create(
                **{k: form.cleaned_data[k] for k in form.Meta.fields},
                language=get_language(),
                consent_text=str(CONSULTATION_CONSENT_TEXT),
                ip_address=ip,
            )
            messages.success(
                request,
                _("Vielen Dank! Ihre Anfrage ist bei uns eingegangen. Wir melden uns in Kürze."),
            )
            return redirect("portal:consultation_thanks")
    return render(request, "portal/consultation.html", {"form": form}, status=status)


def consultation_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/consultation_thanks.html")


@login_required
def my_area(request: HttpRequest) -> HttpResponse:
    from partnerships.matchmaking.selectors import my_area_overview
    from partnerships.selectors import editor_overview

    return render(
        request,
        "portal/my_area.html",
        {
            "editor": editor_overview(user=request.user),
            "matchmaking": my_area_overview(user=request.user),
        },
    )


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})

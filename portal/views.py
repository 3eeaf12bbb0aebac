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
from portal.page_cache import cached_for_visitors
from portal.ratelimit import client_ip, form_refused


@cached_for_visitors()
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
        status = form_refused(
            request,
            form,
            scope="consultation",
            limit=settings.CONSULTATION_RATE_LIMIT,
            message=_(
                "Von Ihrer Adresse kamen in der letzten Stunde zu viele Anfragen. Bitte "
                "versuchen Sie es später noch einmal oder rufen Sie uns an."
            ),
        )
        if status is None:
            services.consultation_request_create(
                **{k: form.cleaned_data[k] for k in form.Meta.fields},
                language=get_language(),
                consent_text=str(CONSULTATION_CONSENT_TEXT),
                ip_address=client_ip(request),
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
    from partnerships.exchange.selectors import my_area_overview as exchange_overview
    from partnerships.matchmaking.selectors import my_area_overview
    from partnerships.selectors import editor_overview

    return render(
        request,
        "portal/my_area.html",
        {
            "editor": editor_overview(user=request.user),
            "matchmaking": my_area_overview(user=request.user),
            "exchange": exchange_overview(user=request.user),
        },
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the portal's layout and the request's language; the plain page when even the
    layout cannot be built (the database is down, say)."""
    from django.template import loader

    try:
        body = loader.render_to_string("500.html", request=request)
    except Exception:  # noqa: BLE001 - the error page must not fail
        body = loader.render_to_string("500_plain.html")
    return HttpResponse(body, status=500)


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    """Every component's status (portal/readiness.py): 200 while none fails, else 503."""
    from portal.readiness import FAIL, report

    result = report()
    return JsonResponse(result, status=503 if result["status"] == FAIL else 200)

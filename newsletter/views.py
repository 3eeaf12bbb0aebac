from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from newsletter import selectors, services
from newsletter.forms import PreferencesForm, SubscribeForm
from newsletter.models import Newsletter, Subscriber
from newsletter.rendering import issue_web_context, language_of
from portal.ratelimit import client_ip, form_refused


def index(request: HttpRequest) -> HttpResponse:
    """Sign-up. Every valid request gets the same answer, known address or not."""
    consent_text = services.consent_text_current()
    initial = {"email": request.GET.get("email", "")[:254]}
    form = SubscribeForm(request.POST or None, consent_text=consent_text, initial=initial)
    status = 200
    if request.method == "POST":
        status = form_refused(
            request,
            form,
            scope="newsletter",
            limit=settings.NEWSLETTER_SIGNUP_RATE_LIMIT,
            message=_(
                "Von Ihrer Adresse kamen in der letzten Stunde zu viele Anmeldungen. Bitte "
                "versuchen Sie es später noch einmal."
            ),
        )
        if status is None:
            data = form.cleaned_data
            services.subscription_request(
                email=data["email"],
                newsletters=data["newsletters"],
                language=data["language"],
                consent_text=data["consent_version"],
                ip_address=client_ip(request),
                source=f"form:{request.POST.get('source', 'page')[:20]}",
            )
            return redirect("newsletter:thanks")
    return render(
        request,
        "newsletter/index.html",
        {
            "form": form,
            "newsletters": Newsletter.objects.public(),
            "latest_issues": selectors.archive_issues()[:3],
        },
        status=status,
    )


def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/thanks.html")


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        result = services.subscription_confirm(token=token, ip_address=client_ip(request))
    except signing.SignatureExpired:
        return render(request, "newsletter/confirm_invalid.html", {"expired": True}, status=400)
    except (signing.BadSignature, Subscriber.DoesNotExist):
        return render(request, "newsletter/confirm_invalid.html", {"expired": False}, status=400)
    language = language_of(result.subscriber)
    return render(
        request,
        "newsletter/confirmed.html",
        {"newsletters": result.newsletters, "subscriber_language": language},
    )


@never_cache
def preferences(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, token=token)
    consent_text = services.consent_text_current()
    subscribed = set(subscriber.subscriptions.active().values_list("newsletter_id", flat=True))
    form = PreferencesForm(
        request.POST or None,
        consent_text=consent_text,
        subscribed_ids=subscribed,
        initial={"newsletters": list(subscribed), "language": language_of(subscriber)},
    )
    if request.method == "POST":
        if form.is_valid():
            services.subscriber_update_preferences(
                subscriber=subscriber,
                newsletters=form.cleaned_data["newsletters"],
                language=form.cleaned_data["language"],
                consent_text=consent_text if form.cleaned_data["consent"] else None,
                ip_address=client_ip(request),
            )
            messages.success(request, _("Ihre Einstellungen sind gespeichert."))
            return redirect("newsletter:preferences", token=token)
        return render(
            request, "newsletter/preferences.html", {"form": form, "token": token}, status=400
        )
    return render(request, "newsletter/preferences.html", {"form": form, "token": token})


@require_POST
def delete_data(request: HttpRequest, token: str) -> HttpResponse:
    subscriber = get_object_or_404(Subscriber, token=token)
    services.subscriber_delete(subscriber=subscriber)
    return redirect("newsletter:deleted")


def deleted(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/deleted.html")


@csrf_exempt  # RFC 8058: mail providers POST here without cookies or a CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str, newsletter_id: int) -> HttpResponse:
    """One-click unsubscribe. GET shows one button; POST (with or without body) unsubscribes.

    An unknown token gets the same 404 as any unknown page: nothing is revealed.
    """
    subscriber = Subscriber.objects.filter(token=token).first()
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if subscriber is None or newsletter is None:
        raise Http404
    with translation.override(language_of(subscriber)):
        if request.method == "POST":
            services.subscription_unsubscribe(subscriber=subscriber, newsletter_ids=[newsletter.pk])
            return render(
                request,
                "newsletter/unsubscribed.html",
                {"newsletter": newsletter, "token": token},
            )
        return render(
            request, "newsletter/unsubscribe.html", {"newsletter": newsletter, "token": token}
        )


def archive(request: HttpRequest) -> HttpResponse:
    return render(request, "newsletter/archive.html", {"issues": selectors.archive_issues()})


def archive_issue(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(selectors.archive_issues(), pk=pk)
    return render(
        request,
        "newsletter/archive_issue.html",
        issue_web_context(issue=issue, language=get_language()),
    )

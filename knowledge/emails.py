"""The library's emails (outbox rows, ``portal/outbox.py``): the staff learn about a best
practice an editor submitted."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from knowledge.models import Resource
from portal.models import OutboundEmail
from portal.outbox import message_for, render


@message_for("knowledge/emails/best_practice_staff")
def best_practice_staff_message(email: OutboundEmail) -> EmailMessage | None:
    resource = (
        Resource.objects.select_related("submitted_by")
        .filter(pk=email.context["resource_id"], submitted_by__isnull=False)
        .first()
    )
    if resource is None:
        return None
    editor = resource.submitted_by
    language = resource.language or "de"
    context = {
        "resource": resource,
        "title": getattr(resource, f"title_{language}", "") or resource.title_de,
        "summary": getattr(resource, f"summary_{language}", "") or resource.summary_de,
        "partnerships": [str(p) for p in resource.related_partnerships.all()],
        "editor_name": editor.get_full_name() or editor.email,
        "editor_email": editor.email,
        "admin_url": settings.SITE_URL
        + reverse("admin:knowledge_resource_change", args=[resource.pk]),
    }
    return render(email, context)

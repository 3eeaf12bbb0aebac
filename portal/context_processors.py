from django.utils.translation import gettext_lazy as _

from portal.navigation import main_navigation

# The association that runs the network office, as printed in the seed document. The office's
# name is shown in the page's language; ``legal_name`` (imprint) and the operator stay German
# and are marked lang="de" where they appear on a page.
OFFICE = {
    "name": _("Netzwerkstelle Städtepartnerschaften NRW"),
    "legal_name": "Netzwerkstelle Städtepartnerschaften NRW",
    "operator": "Auslandsgesellschaft.de e.V.",
    "street": "Steinstr. 48",
    "postcode": "44147",
    "city": "Dortmund",
    "phone": "+49 (0) 231 . 838 00 46",
    "phone_href": "+492318380046",
    "email": "becker@auslandsgesellschaft.de",
    "website": "https://staedtepartnerschaftennrw.org",
}


def portal(request):
    context = {
        "OFFICE": OFFICE,
        "main_navigation": main_navigation(request),
    }
    # A page rendered for the page cache (portal/page_cache.py): markers instead of the
    # visitor's CSRF token, messages and account links (filled in by portal.page_slots).
    slots = getattr(request, "page_slots", None)
    if slots:
        context.update(csrf_token=slots["csrf_token"], page_slots=slots)
    return context

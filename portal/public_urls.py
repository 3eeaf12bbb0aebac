from django.urls import path
from django.views.generic import TemplateView

from portal import views

app_name = "portal"


def page(template: str):
    return TemplateView.as_view(template_name=f"portal/pages/{template}.html")


urlpatterns = [
    path("", views.home, name="home"),
    path("beratung/", views.consultation, name="consultation"),
    path("beratung/danke/", views.consultation_thanks, name="consultation_thanks"),
    path("mein-bereich/", views.my_area, name="my_area"),
    path("impressum/", page("impressum"), name="imprint"),
    path("datenschutz/", page("privacy"), name="privacy"),
    path("barrierefreiheit/", page("accessibility"), name="accessibility"),
    path("kontakt/", page("contact"), name="contact"),
]

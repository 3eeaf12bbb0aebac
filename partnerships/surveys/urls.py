from django.urls import path
from django.utils.translation import gettext_lazy as _

from partnerships.surveys import views

app_name = "surveys"
urlpatterns = [
    path(_("bestandsaufnahme/<str:token>/"), views.answer, name="answer"),
]

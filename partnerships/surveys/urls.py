from django.urls import path

from partnerships.surveys import views

app_name = "surveys"
urlpatterns = [
    path("bestandsaufnahme/<str:token>/", views.answer, name="answer"),
]

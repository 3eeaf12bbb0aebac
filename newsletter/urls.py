from django.urls import path

app_name = "newsletter"

urlpatterns: list[path] = []

"""403, 404 and 500 in the portal's layout and the reader's language; no link off the site."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import translation
from django.views import defaults

from portal.views import server_error

pytestmark = pytest.mark.django_db

HEADINGS = {
    403: {"de": "Kein Zugriff", "uk": "Немає доступу", "en": "Access denied"},
    404: {"de": "Seite nicht gefunden", "uk": "Сторінку не знайдено", "en": "Page not found"},
    500: {"de": "Ein Fehler ist aufgetreten", "uk": "Сталася помилка", "en": "An error occurred"},
}


def links(html: str) -> list[str]:
    return re.findall(r"""(?:href|src|action)=["']([^"']*)["']""", html)


def test_a_path_naming_another_host_gives_a_404_without_links_to_it(client):
    # The test client would read "//evil.example" as a host: give the raw path.
    response = client.get("/", PATH_INFO="//evil.example/de/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "evil.example" not in " ".join(links(html))
    assert not [link for link in links(html) if link.startswith(("//", "/\\"))]
    response = client.get("/", PATH_INFO="/de//evil.example/")
    assert response.status_code == 404
    assert not [link for link in links(response.content.decode()) if link.startswith("//")]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
def test_404_in_the_layout_and_the_language(client, language):
    response = client.get(f"/{language}/gibt-es-nicht/")
    html = response.content.decode()
    assert response.status_code == 404
    assert f'<html lang="{language}">' in html and HEADINGS[404][language] in html


@pytest.mark.parametrize("language", ["de", "uk", "en"])
@pytest.mark.parametrize("status", [403, 500])
def test_403_and_500_in_the_layout_and_the_language(language, status):
    request = RequestFactory().get(f"/{language}/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    with translation.override(language):
        request.LANGUAGE_CODE = language
        if status == 403:
            response = defaults.permission_denied(request, PermissionDenied())
        else:
            response = server_error(request)
    html = response.content.decode()
    assert response.status_code == status
    assert f'<html lang="{language}">' in html and HEADINGS[status][language] in html
    assert 'class="lang-switch"' in html  # the portal's layout, not a bare page


def test_500_falls_back_to_the_plain_page_when_the_layout_fails(monkeypatch):
    from django.template import loader

    real = loader.render_to_string

    def broken(name, *args, **kwargs):
        if name == "500.html":
            raise RuntimeError("database down")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", broken)
    response = server_error(RequestFactory().get("/de/"))
    assert response.status_code == 500 and "Please try again later" in response.content.decode()

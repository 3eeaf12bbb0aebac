import pytest

pytestmark = pytest.mark.django_db

PAGES = ["", "beratung/", "impressum/", "datenschutz/", "barrierefreiheit/", "kontakt/"]


@pytest.mark.parametrize("language", ["de", "uk", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_public_page_renders_in_each_language(client, language, page):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()

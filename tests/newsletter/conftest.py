import pytest
from django.utils import translation

from newsletter.models import Newsletter
from tests.newsletter.factories import NewsletterFactory
from tests.newsletter.smtp_sink import SmtpSink


@pytest.fixture(autouse=True)
def _german():
    """Content is written in German (modeltranslation fills the active language's column)."""
    with translation.override("de"):
        yield


@pytest.fixture
def newsletter(db) -> Newsletter:
    return NewsletterFactory(
        name="Newsletter Städtepartnerschaften NRW", slug="staedtepartnerschaften-nrw"
    )


@pytest.fixture
def ukraine_newsletter(db) -> Newsletter:
    return NewsletterFactory(name="Im Blickpunkt: Ukraine", slug="blickpunkt-ukraine")


@pytest.fixture
def smtp_sink(settings):
    """Mail goes over real SMTP to a local aiosmtpd server."""
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = sink.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = ""
        settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 10
        yield sink

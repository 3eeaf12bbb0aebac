"""The client address of the rate limits, and the one rate-limited form flow."""

import pytest
from django import forms
from django.test import RequestFactory

from portal.ratelimit import client_ip, form_refused


def request_from(forwarded: str | None, remote: str = "10.0.0.2"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        # A client writes its own X-Forwarded-For: the proxy appends the real address.
        (1, "1.1.1.1, 203.0.113.9", "203.0.113.9"),
        (1, "1.1.1.1,2.2.2.2 , 203.0.113.9", "203.0.113.9"),
        # A CDN in front of Caddy: the CDN's address is the rightmost entry.
        (2, "1.1.1.1, 203.0.113.9, 198.51.100.7", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),  # fewer entries than proxies: the leftmost
        (1, "", "10.0.0.2"),
    ],
)
def test_the_client_is_the_trusted_proxys_entry_not_the_leftmost(
    settings, proxies, forwarded, expected
):
    settings.USE_X_FORWARDED_FOR = True
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request_from(forwarded)) == expected


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.USE_X_FORWARDED_FOR = False
    assert client_ip(request_from("203.0.113.9")) == "10.0.0.2"


class NameForm(forms.Form):
    name = forms.CharField()


def test_the_rate_limited_form_flow(settings):
    settings.USE_X_FORWARDED_FOR = False
    request = request_from(None, remote="192.0.2.44")
    answers = []
    for data in [{"name": ""}, {"name": "Olena"}, {"name": "Olena"}, {"name": "Olena"}]:
        form = NameForm(data)
        answers.append(
            form_refused(request, form, scope="test-flow", limit=(2, 60), message="Zu viele.")
        )
    assert answers == [400, None, None, 429]  # an invalid form does not count
    assert form.non_field_errors() == ["Zu viele."]
    assert form.data == {"name": "Olena"}

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from tests.factories import PASSWORD, StaffFactory


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


@pytest.fixture
def staff_with_totp(db):
    user = StaffFactory(is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    user.totp_secret = secret
    return user


def login_with_second_factor(client, user, language="de"):
    response = client.post(f"/{language}/konto/login/", {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/2fa/authenticate/" in response["Location"]
    response = client.post(response["Location"], {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    return response


@pytest.fixture
def admin_client_2fa(client, staff_with_totp):
    login_with_second_factor(client, staff_with_totp)
    return client

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Bedarfsbörse: Ukrainian actors' needs and NRW actors' offers, matched and followed
    from the request to the reported use. Nested in ``partnerships`` because every item
    belongs to an actor of the register and its matching reads the register's ties."""

    name = "partnerships.exchange"
    label = "exchange"
    verbose_name = _("Bedarfsbörse")
    default_auto_field = "django.db.models.BigAutoField"

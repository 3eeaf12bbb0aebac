"""Mutual matches (two public profiles that seek each other) and who has been told."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from partnerships.matchmaking.models.profiles import SearchProfile


class MutualMatch(models.Model):
    """Two public profiles whose wishes fit each other, first seen at ``found_at``."""

    profile_a = models.ForeignKey(SearchProfile, on_delete=models.CASCADE, related_name="+")
    profile_b = models.ForeignKey(SearchProfile, on_delete=models.CASCADE, related_name="+")
    found_at = models.DateTimeField(_("gefunden am"), auto_now_add=True)

    class Meta:
        ordering = ["found_at", "pk"]
        verbose_name = _("gegenseitiger Treffer")
        verbose_name_plural = _("gegenseitige Treffer")
        constraints = [
            models.UniqueConstraint(fields=["profile_a", "profile_b"], name="mutual_match_unique"),
            models.CheckConstraint(
                condition=models.Q(profile_a__lt=models.F("profile_b")),
                name="mutual_match_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.profile_a_id} ↔ {self.profile_b_id}"


class MatchNotice(models.Model):
    """An editor was told about a mutual match (at most one email a day per editor)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    match = models.ForeignKey(MutualMatch, on_delete=models.CASCADE, related_name="notices")
    sent_at = models.DateTimeField(_("gesendet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Benachrichtigung über einen Treffer")
        verbose_name_plural = _("Benachrichtigungen über Treffer")
        constraints = [
            models.UniqueConstraint(fields=["user", "match"], name="match_notice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ← {self.match}"


class MatchNotificationPreference(models.Model):
    """Whether an editor wants the daily email about new mutual matches (default: yes)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="match_notifications"
    )
    enabled = models.BooleanField(_("E-Mail bei neuen gegenseitigen Treffern"), default=True)
    last_sent_at = models.DateTimeField(_("zuletzt gesendet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Einstellung zu Treffer-Benachrichtigungen")
        verbose_name_plural = _("Einstellungen zu Treffer-Benachrichtigungen")

    def __str__(self) -> str:
        return str(self.user)

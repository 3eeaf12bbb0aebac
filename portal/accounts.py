"""django-allauth adapter: account emails leave through Celery, after the commit."""

from allauth.account.adapter import DefaultAccountAdapter
from django.db import transaction


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render in the request (language, links), send from a task once committed."""
        from portal.tasks import send_prepared_email

        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        kwargs = {
            "subject": message.subject,
            "body": message.body,
            "to": list(message.to),
            "html": html,
        }
        transaction.on_commit(lambda: send_prepared_email.delay(**kwargs))

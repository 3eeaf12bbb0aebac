"""The outbox of every email (``portal/outbox.py``); advice requests no longer carry a
"staff notified" stamp (their email is an outbox row)."""

import django.utils.timezone
from django.db import migrations, models

from portal.migration_helpers import grant_staff_permissions, queue_staff_emails, unsent_since


def queue_unsent_consultation_emails(apps, schema_editor):
    ConsultationRequest = apps.get_model("portal", "ConsultationRequest")
    unsent = ConsultationRequest.objects.filter(
        staff_notified_at__isnull=True, created_at__gte=unsent_since()
    )
    queue_staff_emails(
        apps,
        template="portal/emails/consultation_staff",
        contexts=[{"request_id": pk} for pk in unsent.values_list("pk", flat=True)],
    )


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0005_seed_record'),
    ]

    operations = [
        migrations.CreateModel(
            name='OutboundEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('template', models.CharField(max_length=200, verbose_name='Vorlage')),
                ('to_email', models.EmailField(blank=True, max_length=254, verbose_name='Empfänger*in')),
                ('reply_to', models.EmailField(blank=True, max_length=254, verbose_name='Antwort an')),
                ('language', models.CharField(default='de', max_length=8, verbose_name='Sprache')),
                ('context', models.JSONField(blank=True, default=dict, verbose_name='Angaben')),
                ('dedupe_key', models.CharField(blank=True, max_length=200, null=True, unique=True, verbose_name='Schlüssel gegen Doppelte')),
                ('status', models.CharField(choices=[('pending', 'wartet auf Versand'), ('sent', 'gesendet'), ('failed', 'fehlgeschlagen'), ('skipped', 'entfallen')], default='pending', max_length=10, verbose_name='Status')),
                ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='angelegt am')),
                ('queued_at', models.DateTimeField(blank=True, null=True, verbose_name='zum Versand eingereiht am')),
                ('claimed_at', models.DateTimeField(blank=True, null=True, verbose_name='Versand begonnen am')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='gesendet am')),
                ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='Versuche')),
                ('possibly_duplicate', models.BooleanField(default=False, help_text='Ein Versand brach ab, nachdem der Mailserver die Nachricht vielleicht schon angenommen hatte; sie wurde erneut gesendet.', verbose_name='möglicherweise doppelt')),
                ('last_error', models.TextField(blank=True, verbose_name='letzter Fehler')),
            ],
            options={
                'verbose_name': 'ausgehende E-Mail',
                'verbose_name_plural': 'ausgehende E-Mails',
                'ordering': ['-created_at'],
                'indexes': [models.Index(condition=models.Q(('status', 'pending')), fields=['queued_at'], name='outboundemail_pending')],
            },
        ),
        migrations.RunPython(queue_unsent_consultation_emails, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='consultationrequest',
            name='staff_notified_at',
        ),
        migrations.RunPython(
            grant_staff_permissions("portal", exclude=("delete_user", "delete_outboundemail")),
            migrations.RunPython.noop,
        ),
    ]

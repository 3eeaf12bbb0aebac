from django.db import migrations
from django.utils import timezone

from portal.migration_helpers import grant_staff_permissions

CONSENT_V1 = {
    "de": (
        "Ich möchte die ausgewählten Newsletter der Netzwerkstelle Städtepartnerschaften NRW "
        "(Auslandsgesellschaft.de e.V., Steinstr. 48, 44147 Dortmund) per E-Mail erhalten. "
        "Dafür werden meine E-Mail-Adresse, meine Sprache sowie Zeitpunkt und IP-Adresse "
        "meiner Anmeldung und Bestätigung gespeichert. Ich kann mich jederzeit über den Link "
        "in jeder E-Mail abmelden und meine Daten löschen."
    ),
    "uk": (
        "Я хочу отримувати вибрані розсилки Мережевого бюро міст-партнерів NRW "
        "(Auslandsgesellschaft.de e.V., Steinstr. 48, 44147 Dortmund) електронною поштою. "
        "Для цього зберігаються моя адреса електронної пошти, моя мова, а також час та "
        "IP-адреса моєї реєстрації та підтвердження. Я можу будь-коли відписатися за "
        "посиланням у кожному листі та видалити свої дані."
    ),
    "en": (
        "I would like to receive the selected newsletters of the Netzwerkstelle "
        "Städtepartnerschaften NRW (Auslandsgesellschaft.de e.V., Steinstr. 48, 44147 Dortmund) "
        "by email. For this, my email address, my language and the time and IP address of my "
        "sign-up and confirmation are stored. I can unsubscribe at any time using the link in "
        "every email and delete my data."
    ),
}


def create_first_consent_text(apps, schema_editor):
    ConsentText = apps.get_model("newsletter", "ConsentText")
    if ConsentText.objects.exists():
        return
    ConsentText.objects.create(
        version=1,
        text=CONSENT_V1["de"],
        text_de=CONSENT_V1["de"],
        text_uk=CONSENT_V1["uk"],
        text_en=CONSENT_V1["en"],
        created_at=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_initial"),
        ("portal", "0003_staff_group"),
    ]

    operations = [
        migrations.RunPython(grant_staff_permissions("newsletter"), migrations.RunPython.noop),
        migrations.RunPython(create_first_consent_text, migrations.RunPython.noop),
    ]

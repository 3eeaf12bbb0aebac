# Uploads become UploadFields (checked, random names, served with permission); files
# stored earlier get the same layout (portal/uploads/legacy.py).

import portal.uploads
from django.db import migrations
from portal.uploads.legacy import legacy_files_rename


def rename_stored_files(apps, schema_editor):
    legacy_files_rename(apps, model="events.Event", field="slides", folder="events/slides/")


class Migration(migrations.Migration):
    atomic = False  # each row is updated right after its file was copied

    dependencies = [
        ('events', '0006_notification_outbox'),
    ]

    operations = [
        migrations.AlterField(
            model_name='event',
            name='slides',
            field=portal.uploads.UploadField(blank=True, policy='slides', upload_to='events/slides/', verbose_name='Folien'),
        ),
        migrations.RunPython(rename_stored_files, migrations.RunPython.noop),
    ]

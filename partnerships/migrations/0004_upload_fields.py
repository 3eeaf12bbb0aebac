# Uploads become UploadFields (checked, random names, served with permission); files
# stored earlier get the same layout (portal/uploads/legacy.py).

import portal.uploads
from django.db import migrations
from portal.uploads.legacy import legacy_files_rename


def rename_stored_files(apps, schema_editor):
    legacy_files_rename(apps, model="partnerships.Actor", field="logo", folder="actors/logos/")
    legacy_files_rename(apps, model="partnerships.Document", field="file", folder="partnerships/documents/")
    legacy_files_rename(apps, model="partnerships.Image", field="file", folder="partnerships/images/")


class Migration(migrations.Migration):
    atomic = False  # each row is updated right after its file was copied

    dependencies = [
        ('partnerships', '0003_coordinate_not_found'),
    ]

    operations = [
        migrations.AlterField(
            model_name='actor',
            name='logo',
            field=portal.uploads.UploadField(blank=True, policy='logo', upload_to='actors/logos/', verbose_name='Logo'),
        ),
        migrations.AlterField(
            model_name='document',
            name='file',
            field=portal.uploads.UploadField(policy='document', upload_to='partnerships/documents/', verbose_name='Datei (PDF)'),
        ),
        migrations.AlterField(
            model_name='image',
            name='file',
            field=portal.uploads.UploadField(policy='image', upload_to='partnerships/images/', verbose_name='Bild'),
        ),
        migrations.RunPython(rename_stored_files, migrations.RunPython.noop),
    ]

"""R30: a PDF attachment's page count is stored at upload; the attachments already stored are counted here."""

from io import BytesIO

from django.db import migrations, models
from pypdf import PdfReader

PDF_READ_ERRORS = (Exception,)  # any failure: the pack lists the file as unreadable instead of failing


def _pages(attachment) -> int | None:
    try:
        with attachment.file.open("rb") as handle:
            reader = PdfReader(BytesIO(handle.read()))
            if reader.is_encrypted and not reader.decrypt(""):
                return None
            return len(reader.pages) or None
    except PDF_READ_ERRORS:
        return None


def count_pages(apps, schema_editor):
    Attachment = apps.get_model("governance", "Attachment")
    for attachment in Attachment.objects.using(schema_editor.connection.alias).filter(
        content_type="application/pdf"
    ):
        attachment.pages = _pages(attachment)
        attachment.save(update_fields=["pages"])


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0004_joint_system_user_groups_responsibility_it5_escalation"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="pages",
            field=models.PositiveIntegerField(blank=True, default=0, null=True, verbose_name="sider"),
        ),
        migrations.RunPython(count_pages, migrations.RunPython.noop),
    ]

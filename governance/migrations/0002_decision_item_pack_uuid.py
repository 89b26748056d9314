"""A decision knows the agenda item it was taken under (so it follows the item's R29 access), and a pack is
addressed by a random UUID instead of its row id. Existing rows are filled in."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

SUBJECT_FIELD = {"matter": "matter_id", "pejlemaerke": "pejlemaerke_id", "agendaitem": "pk"}


def give_packs_uuids(apps, schema_editor):
    AgendaPack = apps.get_model("governance", "AgendaPack")
    for pack in AgendaPack.objects.filter(uuid__isnull=True).only("pk"):
        AgendaPack.objects.filter(pk=pack.pk).update(uuid=uuid.uuid4())


def link_decisions_to_items(apps, schema_editor):
    """A decision taken at a meeting came from that meeting's item about the same subject."""
    Decision = apps.get_model("governance", "Decision")
    AgendaItem = apps.get_model("governance", "AgendaItem")
    for decision in Decision.objects.filter(item__isnull=True, meeting__isnull=False).select_related("content_type"):
        field = SUBJECT_FIELD.get(decision.content_type.model)
        if field is None:
            continue
        item = (
            AgendaItem.objects.filter(meeting_id=decision.meeting_id, **{field: decision.object_id})
            .order_by("number")
            .first()
        )
        if item is not None:
            Decision.objects.filter(pk=decision.pk).update(item=item)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0001_meetings_matters_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendapack",
            name="uuid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_packs_uuids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agendapack",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="decision",
            name="item",
            field=models.ForeignKey(
                blank=True,
                help_text="Punktet, beslutningen blev truffet under; beslutningen har punktets adgang (R29).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="decisions",
                to="governance.agendaitem",
                verbose_name="dagsordenspunkt",
            ),
        ),
        migrations.AddField(
            model_name="historicaldecision",
            name="item",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Punktet, beslutningen blev truffet under; beslutningen har punktets adgang (R29).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.agendaitem",
                verbose_name="dagsordenspunkt",
            ),
        ),
        migrations.RunPython(link_decisions_to_items, migrations.RunPython.noop),
    ]

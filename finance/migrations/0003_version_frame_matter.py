# R23: a version above the joint frame points at the matter routed to IT5 or RSI DK.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0002_danish_constraint_messages"),
        ("governance", "0001_meetings_matters_decisions"),
    ]

    operations = [
        migrations.AddField(
            model_name="businesscaseversion",
            name="frame_matter",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="governance.matter",
                verbose_name="sag om den fællesregionale ramme",
            ),
        ),
        migrations.AddField(
            model_name="historicalbusinesscaseversion",
            name="frame_matter",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="governance.matter",
                verbose_name="sag om den fællesregionale ramme",
            ),
        ),
    ]

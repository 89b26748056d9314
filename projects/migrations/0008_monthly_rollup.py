"""The kept monthly roll-up (R10, R11); 0013 fills it from the reports already stored."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0002_rhythm_reports_reminders_director_mail'),
        ('projects', '0007_status_period_index_per_vendor'),
    ]

    operations = [
        migrations.CreateModel(
            name='MonthlyRollup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('month', models.DateField(help_text='Månedens første dag.', verbose_name='måned')),
                ('colour', models.CharField(blank=True, choices=[('green', 'Grøn'), ('yellow', 'Gul'), ('red', 'Rød'), ('done', 'Gennemført')], max_length=8, verbose_name='samlet status')),
                ('region_colours', models.JSONField(default=list, verbose_name='regionernes status')),
                ('missing_regions', models.JSONField(default=list, verbose_name='manglende regioner')),
                ('why', models.JSONField(default=list, verbose_name='hvorfor')),
                ('previous_colour', models.CharField(blank=True, choices=[('green', 'Grøn'), ('yellow', 'Gul'), ('red', 'Rød'), ('done', 'Gennemført')], max_length=8, verbose_name='sidste måned')),
                ('yellow_streak', models.PositiveSmallIntegerField(default=0, verbose_name='gule måneder i træk')),
                ('corrected', models.BooleanField(default=False, verbose_name='rettet efter indsendelse')),
                ('last_submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='senest indsendt')),
                ('source_version', models.PositiveIntegerField(default=0, verbose_name='kildeversion')),
                ('refreshed_at', models.DateTimeField(auto_now=True, verbose_name='beregnet')),
                ('pejlemaerke', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='portfolio.pejlemaerke', verbose_name='pejlemærke')),
            ],
            options={
                'verbose_name': 'månedsstatus (samlet)',
                'verbose_name_plural': 'månedsstatus (samlet)',
                'ordering': ['pejlemaerke', 'month'],
                'indexes': [models.Index(fields=['month', 'pejlemaerke'], name='rollup_month_idx')],
                'constraints': [models.UniqueConstraint(fields=('pejlemaerke', 'month'), name='rollup_once_per_pejlemaerke_month'), models.CheckConstraint(condition=models.Q(('month__day', 1)), name='rollup_month_is_first_of_month'), models.CheckConstraint(condition=models.Q(('colour__in', ['green', 'yellow', 'red', 'done', ''])), name='rollup_colour_known'), models.CheckConstraint(condition=models.Q(('previous_colour__in', ['green', 'yellow', 'red', 'done', ''])), name='rollup_previous_known'), models.CheckConstraint(condition=models.Q(('yellow_streak', 0), ('colour', 'yellow'), _connector='OR'), name='rollup_streak_only_when_yellow')],
            },
        ),
    ]

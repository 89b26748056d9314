# R38: the status report's optional forecast and the stale-status count.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0013_rollup_trend"),
    ]

    operations = [
        migrations.AddField(
            model_name="statusreport",
            name="expected_end",
            field=models.DateField(blank=True, null=True, verbose_name="forventet projektslut"),
        ),
        migrations.AddField(
            model_name="statusreport",
            name="forecast_cost",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="forventet samlet udgift"
            ),
        ),
        migrations.AddField(
            model_name="statusreport",
            name="unchanged_months",
            field=models.PositiveIntegerField(db_default=1, default=1, verbose_name="uændret i måneder"),
        ),
        migrations.AddField(
            model_name="statusreportversion",
            name="expected_end",
            field=models.DateField(blank=True, null=True, verbose_name="forventet projektslut"),
        ),
        migrations.AddField(
            model_name="statusreportversion",
            name="forecast_cost",
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=14, null=True, verbose_name="forventet samlet udgift"
            ),
        ),
        migrations.AddConstraint(
            model_name="statusreport",
            constraint=models.CheckConstraint(
                condition=models.Q(("forecast_cost__isnull", True), ("forecast_cost__gte", 0), _connector="OR"),
                name="r38_forecast_not_negative",
            ),
        ),
    ]

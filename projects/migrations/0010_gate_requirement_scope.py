"""R6: each gate requirement says whether its document must be approved in the phase being left or once.

The seeded defaults get the scope DOMAIN R6 names (business case, risk log, implementation plan and benefits
realisation plan: this phase); every other requirement counts once. A frozen copy of projects/defaults.py.
"""

from django.db import migrations, models

THIS_PHASE_DOCUMENTS = ["business-case", "risikolog", "implementeringsplan", "gevinstrealiseringsplan"]
SCOPE = models.CharField(
    choices=[("phase", "Godkendes i fasen"), ("once", "Én gang")],
    default="once",
    help_text="Godkendes i fasen: en godkendelse fra en tidligere fase tæller ikke.",
    max_length=5,
    verbose_name="godkendelse",
)


def seed(apps, schema_editor):
    GateRequirement = apps.get_model("projects", "GateRequirement")
    GateRequirement.objects.filter(document_type__code__in=THIS_PHASE_DOCUMENTS).update(scope="phase")


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_document_version_access")]

    operations = [
        migrations.AddField(model_name="gaterequirement", name="scope", field=SCOPE),
        migrations.AddField(model_name="historicalgaterequirement", name="scope", field=SCOPE),
        migrations.AddConstraint(
            model_name="gaterequirement",
            constraint=models.CheckConstraint(
                condition=models.Q(("scope__in", ["phase", "once"])), name="r6_gate_requirement_scope"
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
    ]

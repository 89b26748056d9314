"""R6: seed the default management documents and which gate needs which (the secretariat edits them later).

The lists are a frozen copy of projects/defaults.py as it stood for this migration; runtime code uses that module.
"""

from django.db import migrations

DOCUMENT_TYPES = [
    # code, name, approver, steering group first, description
    ("kommissorium", "Kommissorium (én side)", "RSI_DK", False, "Idéens kommissorium på én side."),
    ("projektgrundlag", "Projektgrundlag", "RSI_DK", False, "Idé-fasen slutter i et projektgrundlag (R2, R5)."),
    ("pid", "Projektinitieringsdokument (PID)", "RSI_DK", False, "Analysefasen slutter i en PID med plan (R5)."),
    ("business-case", "Business case", "STYREGRUPPE", False, "Revurderes ved hver gate (R8)."),
    ("arkitekturanalyse", "Arkitekturanalyse", "RITA", False, "Reviewes af RITA i Idé og Analyse (R7)."),
    ("risikolog", "Risikolog", "STYREGRUPPE", False, ""),
    ("implementeringsplan", "Implementeringsplan", "STYREGRUPPE", False, ""),
    ("gevinstrealiseringsplan", "Gevinstrealiseringsplan", "STYREGRUPPE", False, ""),
    (
        "afslutningsrapport",
        "Afslutningsrapport",
        "RSI_DK",
        True,
        "Godkendes først af styregruppen, derefter af RSI DK (R2).",
    ),
]
REQUIREMENTS = {
    "ide": ["kommissorium", "projektgrundlag", "arkitekturanalyse"],
    "analyse": ["pid", "business-case", "arkitekturanalyse", "risikolog", "implementeringsplan"],
    "anskaffelse": ["risikolog", "implementeringsplan"],
    "gennemfoerelse": ["afslutningsrapport", "gevinstrealiseringsplan"],
}


def seed(apps, schema_editor):
    DocumentType = apps.get_model("projects", "DocumentType")
    GateRequirement = apps.get_model("projects", "GateRequirement")
    types = {}
    for order, (code, name, approver, first, description) in enumerate(DOCUMENT_TYPES, start=1):
        types[code], _created = DocumentType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "approver": approver,
                "steering_group_first": first,
                "description": description,
                "sort_order": order * 10,
            },
        )
    for phase, codes in REQUIREMENTS.items():
        for code in codes:
            GateRequirement.objects.get_or_create(phase=phase, document_type=types[code])


def unseed(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_phases_gates_documents_risk")]
    operations = [migrations.RunPython(seed, unseed)]

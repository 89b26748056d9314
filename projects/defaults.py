"""R6: the default management documents, which gate needs which, and which must be approved in each phase.

Migration 0005 seeds a frozen copy of these; the demo (and a flushed test database) restores them
from here. The secretariat edits both lists in the portal afterwards.
"""

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
# R6: re-approved in the phase being left; the others count once for the project's life.
THIS_PHASE_DOCUMENTS = frozenset({"business-case", "risikolog", "implementeringsplan", "gevinstrealiseringsplan"})

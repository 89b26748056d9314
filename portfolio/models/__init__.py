"""The portfolio app's tables: the base (organisation, pejlemærker, audit) and the rhythm's tables."""

from .base import (
    AuditAction,
    AuditEntry,
    Body,
    BodyKind,
    BodyMembership,
    MemberRole,
    Participation,
    Pejlemaerke,
    PejlemaerkeTransition,
    Region,
    RegionContact,
)
from .rhythm import (
    CalendarFeedToken,
    DirectorMail,
    DirectorMailItem,
    DirectorMailStatus,
    MonthlyReport,
    ReminderKind,
    ReminderLog,
    monthly_report_path,
)

__all__ = [
    "AuditAction",
    "AuditEntry",
    "Body",
    "BodyKind",
    "BodyMembership",
    "CalendarFeedToken",
    "DirectorMail",
    "DirectorMailItem",
    "DirectorMailStatus",
    "MemberRole",
    "MonthlyReport",
    "Participation",
    "Pejlemaerke",
    "PejlemaerkeTransition",
    "Region",
    "RegionContact",
    "ReminderKind",
    "ReminderLog",
    "monthly_report_path",
]

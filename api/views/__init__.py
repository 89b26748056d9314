from .errors import not_found
from .finance import BusinessCaseViewSet
from .governance import MeetingViewSet
from .portfolio import MonthlyReportViewSet, PejlemaerkeViewSet, RollupView
from .status import StatusReportViewSet

__all__ = [
    "BusinessCaseViewSet",
    "MeetingViewSet",
    "MonthlyReportViewSet",
    "PejlemaerkeViewSet",
    "RollupView",
    "StatusReportViewSet",
    "not_found",
]

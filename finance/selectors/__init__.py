"""Every non-trivial read of business cases, buffer, keys, collections and the budget overview.

Split by subject; everything is re-exported here, so callers import `finance.selectors`.
"""

from .cases import cases_list, project_for_case, projects_without_case
from .collection import (
    Collection,
    agreed_split_of,
    block_grant_key,
    block_grant_keys,
    collection_for,
    collection_years,
    collections_for_year,
    latest_approved_by_case,
    shares_for,
)
from .overview import OverviewRow, budget_overview, overview_totals
from .versions import (
    ZERO,
    DiffRow,
    Totals,
    approved_business_case_since,
    buffer_drawn,
    buffer_status,
    case_for_project,
    counting_version,
    draft_version,
    latest_approved_version,
    other_versions,
    project_budget_total,
    staff_variances,
    version_diff,
    version_totals,
    version_with_lines,
)

__all__ = [
    "ZERO",
    "Collection",
    "DiffRow",
    "OverviewRow",
    "Totals",
    "agreed_split_of",
    "approved_business_case_since",
    "block_grant_key",
    "block_grant_keys",
    "budget_overview",
    "buffer_drawn",
    "buffer_status",
    "case_for_project",
    "cases_list",
    "collection_for",
    "collection_years",
    "collections_for_year",
    "counting_version",
    "draft_version",
    "latest_approved_by_case",
    "latest_approved_version",
    "other_versions",
    "overview_totals",
    "project_budget_total",
    "project_for_case",
    "projects_without_case",
    "shares_for",
    "staff_variances",
    "version_diff",
    "version_totals",
    "version_with_lines",
]

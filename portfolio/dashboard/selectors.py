"""Reads that combine the portfolio base with the projects: the start page's roles and the pejlemærke page."""

from projects.selectors import project_roles_of, projects_prefetch

from .. import selectors as portfolio_selectors
from ..models import Pejlemaerke


def roles_of(user) -> dict:
    """What the start page shows: the user's roles in the portfolio and its projects, each with its objects."""
    return {**portfolio_selectors.roles_of(user), **project_roles_of(user)}


def pejlemaerke_page(pk: int) -> Pejlemaerke:
    """The pejlemærke with everything its page shows, its projects included."""
    return portfolio_selectors.pejlemaerke_detail(pk, prefetch=[projects_prefetch()])

"""The portfolio at a glance (composition layer): the start page, the status dashboard and the
pejlemærke pages that show the projects beside the portfolio's own data.

It reads projects only through projects.selectors and projects.rules.
"""

"""The portfolio rhythm (composition layer): the monthly portfolio report, status reminders (R13),
the RSI-direktørkredsmail (R31), the årshjul and its iCalendar feeds (R32).

It reads projects and governance only through their selectors and rules; its tables are in
portfolio.models (the portfolio app's migrations).
"""

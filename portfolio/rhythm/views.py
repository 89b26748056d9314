"""Thin views of the portfolio rhythm: report archive, reminders, director mail, årshjul and feeds."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from rsi_portal import outbox
from rsi_portal.fields import query_year
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page
from rsi_portal.permissions import can, is_sekretariat, require

from ..models import Body, BodyKind, CalendarFeedToken, DirectorMail, DirectorMailStatus, MonthlyReport
from . import selectors, services
from .forms import DirectorMailEditForm, DirectorMailItemForm, RegenerateForm, ReminderFilterForm, ReminderSendForm
from .ical import build_calendar
from .rules import open_director_mail_date

REMINDERS_PER_PAGE = 500

REPORT_COLUMNS = [
    Column("period", gettext_lazy("Måned"), lambda r: r.period, "period_version"),
    Column("version", gettext_lazy("Version"), lambda r: r.version, "version"),
    Column("current", gettext_lazy("Gældende"), lambda r: _("ja") if r.is_current else _("nej")),
    Column("generated_at", gettext_lazy("Dannet"), lambda r: r.generated_at, "generated_at"),
    Column(
        "generated_by",
        gettext_lazy("Dannet af"),
        lambda r: (r.generated_by.get_full_name() or r.generated_by.username) if r.generated_by else _("automatisk"),
    ),
    Column("reason", gettext_lazy("Begrundelse"), lambda r: r.reason),
    Column("notified", gettext_lazy("Modtagere underrettet"), lambda r: r.notified_count),
]

REMINDER_COLUMNS = [
    Column("sent_at", gettext_lazy("Sendt"), lambda r: r.sent_at, "sent_at"),
    Column("period", gettext_lazy("Måned"), lambda r: r.period, "period"),
    Column("kind", gettext_lazy("Type"), lambda r: r.get_kind_display(), "kind"),
    Column("user", gettext_lazy("Modtager"), lambda r: r.user.get_full_name() or r.user.username, "user__last_name"),
    Column("email", gettext_lazy("E-mail"), lambda r: r.email, "email"),
    Column("items", gettext_lazy("Manglende rapporter"), lambda r: len(r.items)),
]

MAIL_COLUMNS = [
    Column("issue_date", gettext_lazy("Dato"), lambda m: m.issue_date, "issue_date"),
    Column("subject", gettext_lazy("Emne"), lambda m: m.subject, "subject"),
    Column("status", gettext_lazy("Status"), lambda m: m.get_status_display(), "status"),
    Column("sent_at", gettext_lazy("Sendt"), lambda m: m.sent_at, "sent_at"),
]


# --- Monthly report archive


@require_GET
def report_archive(request):
    require(request.user, "portfolio.view_monthlyreport")
    page = list_page(
        request,
        selectors.monthly_report_archive(),
        columns=REPORT_COLUMNS,
        default_sort="-period",
        export_name="maanedsrapporter",
    )
    if isinstance(page, HttpResponse):
        return page
    context = {**page.context(), "may_regenerate": can(request.user, "portfolio.add_monthlyreport")}
    return render(request, "portfolio/report_archive.html", context)


def _report_context(request, report: MonthlyReport, form) -> dict:
    return {
        "report": report,
        "versions": list(MonthlyReport.objects.filter(period=report.period).select_related("generated_by")),
        "form": form,
        "may_regenerate": can(request.user, "portfolio.add_monthlyreport"),
    }


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    report = get_object_or_404(MonthlyReport.objects.select_related("generated_by"), pk=pk)
    require(request.user, "portfolio.view_monthlyreport", report)
    may_regenerate = can(request.user, "portfolio.add_monthlyreport")
    form = RegenerateForm(request.POST or None) if may_regenerate else None
    if request.method == "POST":
        require(request.user, "portfolio.add_monthlyreport")
        if form.is_valid():
            try:
                job = services.monthly_report_regenerate(
                    actor=request.user,
                    period=report.period,
                    reason=form.cleaned_data["reason"],
                    by_goal=form.cleaned_data["by_goal"],
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if not outbox.in_queue(job):  # recorded; the broker did not take it yet
                    messages.warning(request, outbox.WAITING_MESSAGE)
                else:
                    messages.success(
                        request,
                        _("En ny version af %(month)s dannes nu; den står i arkivet om lidt.")
                        % {"month": f"{report.period:%m.%Y}"},
                    )
                return redirect("portfolio:report_archive")
    return render(
        request,
        "portfolio/report_detail.html",
        _report_context(request, report, form),
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def report_file(request, pk: int, kind: str):
    report = get_object_or_404(MonthlyReport, pk=pk)
    require(request.user, "portfolio.view_monthlyreport", report)
    field = {"pdf": report.pdf, "xlsx": report.xlsx}.get(kind)
    if not field:
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    filename = f"portefoeljerapport-{report.period:%Y-%m}-v{report.version}.{kind}"
    return FileResponse(handle, as_attachment=kind == "xlsx", filename=filename)


# --- Reminders


@require_GET
def reminder_list(request):
    require(request.user, "portfolio.view_reminderlog")
    form = ReminderFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.reminder_log(period=filters.get("period"), kind=filters.get("kind") or "")
    page = list_page(
        request,
        queryset,
        columns=REMINDER_COLUMNS,
        default_sort="-sent_at",
        export_name="paamindelser",
        per_page=REMINDERS_PER_PAGE,
    )
    if isinstance(page, HttpResponse):
        return page
    context = {**page.context(), "form": form, "is_filtered": any(filters.values())}
    return render(request, "portfolio/reminder_list.html", context)


@require_http_methods(["POST"])
def reminder_send(request):
    """R13: the secretariat reminds one person of the month's missing reports, from the home page."""
    require(request.user, "portfolio.add_reminderlog")
    form = ReminderSendForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Påmindelsen kunne ikke sendes: siden var forældet. Prøv igen."))
        return redirect("portfolio:home")
    user = form.cleaned_data["user"]
    try:
        job = services.reminder_request(actor=request.user, user=user, period=form.cleaned_data["period"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = {"name": user.get_full_name() or user.username}
        if not outbox.in_queue(job):
            messages.warning(request, outbox.WAITING_MESSAGE)
        elif selectors.manual_reminder_sent(user, form.cleaned_data["period"]):
            messages.success(request, _("Påmindelsen til %(name)s er sendt.") % name)
        else:  # the worker sends it in a moment
            messages.success(request, _("Påmindelsen til %(name)s er på vej.") % name)
    return redirect("portfolio:home")


# --- RSI-direktørkredsmail (R31)


def _may_read_director_mail(user) -> bool:
    if can(user, "portfolio.view_directormail"):
        return True
    rsi_dk = Body.objects.filter(kind=BodyKind.RSI_DK).first()
    return rsi_dk is not None and can(user, "portfolio.member_of_body", rsi_dk)


@require_http_methods(["GET", "POST"])
def director_mail_list(request):
    if not _may_read_director_mail(request.user):
        raise PermissionDenied
    may_edit = can(request.user, "portfolio.add_directormailitem")
    form = DirectorMailItemForm(request.POST or None) if may_edit else None
    if request.method == "POST":
        require(request.user, "portfolio.add_directormailitem")
        if request.POST.get("action") == "compile":
            require(request.user, "portfolio.add_directormail")
            issue = open_director_mail_date(timezone.localdate())
            mail = services.director_mail_compile(issue_date=issue, actor=request.user)
            mail = mail or DirectorMail.objects.get(issue_date=issue)
            return redirect(mail)
        if form.is_valid():
            services.director_mail_item_add(actor=request.user, **form.cleaned_data)
            messages.success(request, _("Punktet er tilføjet til næste direktørkredsmail."))
            return redirect("portfolio:director_mail_list")
    mails = DirectorMail.objects.select_related("sent_by")
    if not can(request.user, "portfolio.view_directormail"):
        mails = mails.filter(status=DirectorMailStatus.SENT)
    page = list_page(
        request, mails, columns=MAIL_COLUMNS, default_sort="-issue_date", export_name="direktoerkredsmails"
    )
    if isinstance(page, HttpResponse):
        return page
    next_issue = open_director_mail_date(timezone.localdate())
    context = {
        **page.context(),
        "form": form,
        "may_edit": may_edit,
        "next_issue": next_issue,
        "pending": list(selectors.director_mail_pending_items(next_issue)) if may_edit else [],
    }
    return render(request, "portfolio/mail_list.html", context, status=400 if request.method == "POST" else 200)


def _mail_context(mail: DirectorMail, form, may_edit: bool) -> dict:
    return {"mail": mail, "form": form, "may_edit": may_edit, "history": list(mail.history.all()[:20])}


@require_http_methods(["GET", "POST"])
def director_mail_detail(request, pk: int):
    mail = get_object_or_404(DirectorMail.objects.select_related("sent_by"), pk=pk)
    if not (
        can(request.user, "portfolio.view_directormail") or (mail.is_sent and _may_read_director_mail(request.user))
    ):
        raise PermissionDenied
    may_edit = can(request.user, "portfolio.change_directormail", mail) and not mail.is_sent
    form = None
    if may_edit:
        form = DirectorMailEditForm(request.POST or None, initial={"subject": mail.subject, "body": mail.body})
    if request.method == "POST":
        require(request.user, "portfolio.change_directormail", mail)
        try:
            if request.POST.get("action") == "send":
                services.director_mail_send(actor=request.user, mail=mail)
                messages.success(request, _("Direktørkredsmailen er sendt og arkiveret."))
                return redirect(mail)
            if form is not None and form.is_valid():
                services.director_mail_update(actor=request.user, mail=mail, **form.cleaned_data)
                messages.success(request, _("Ændringerne er gemt."))
                return redirect(mail)
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect(mail)
            apply_service_errors(form, error)
    return render(
        request,
        "portfolio/mail_detail.html",
        _mail_context(mail, form, may_edit),
        status=400 if request.method == "POST" else 200,
    )


# --- Årshjul (R32)


@require_http_methods(["GET", "POST"])
def calendar_page(request):
    require(request.user, "portfolio.view_body")
    if request.method == "POST":
        services.calendar_token_for(user=request.user, rotate=True)
        messages.success(request, _("Du har fået nye kalenderlinks; de gamle virker ikke længere."))
        return redirect("portfolio:calendar")
    year = query_year(request, default=timezone.localdate().year, min_value=2000, max_value=2100)
    events = selectors.calendar_events(year)
    months = [
        {"month": date(year, m, 1), "events": [e for e in events if e.start.month == m and e.start.year == year]}
        for m in range(1, 13)
    ]
    token = services.calendar_token_for(user=request.user).token
    bodies = list(Body.objects.exclude(kind=BodyKind.STYREGRUPPE))
    feeds = [(_("Min kalender"), request.build_absolute_uri(reverse("portfolio:calendar_feed_user", args=[token])))] + [
        (str(body), request.build_absolute_uri(reverse("portfolio:calendar_feed_body", args=[token, body.pk])))
        for body in bodies
    ]
    return render(
        request,
        "portfolio/calendar.html",
        {
            "year": year,
            "months": months,
            "feeds": feeds,
            "kind_labels": selectors.KIND_LABELS,
            "previous_year": year - 1,
            "next_year": year + 1,
        },
    )


def _feed_user(token: str):
    """The active user the secret token belongs to, or 404 (never tells which part was wrong)."""
    row = CalendarFeedToken.objects.select_related("user").filter(token=token).first()
    if row is None or not constant_time_compare(row.token, token) or not row.user.is_active:
        raise Http404
    return row.user


def _ics(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _feed_years() -> list[int]:
    this_year = timezone.localdate().year
    return [this_year - 1, this_year, this_year + 1]


@login_not_required
@never_cache
@require_GET
def calendar_feed_user(request, token: str):
    """R32: a person's feed (the årshjul, deadlines and the meetings of their bodies); the token is the login."""
    user = _feed_user(token)
    require(user, "portfolio.view_body")
    bodies = None if is_sekretariat(user) else list(Body.objects.filter(memberships__user=user))
    events = [e for year in _feed_years() for e in selectors.calendar_events(year, bodies=bodies)]
    name = _("RSI årshjul – %(name)s") % {"name": user.get_full_name() or user.username}
    return _ics(build_calendar(events, name=name), "rsi-aarshjul.ics")


@login_not_required
@never_cache
@require_GET
def calendar_feed_body(request, token: str, body_id: int):
    """R32: one body's meetings and agenda deadlines."""
    user = _feed_user(token)
    body = get_object_or_404(Body, pk=body_id)
    require(user, "portfolio.view_body", body)
    events = [e for year in _feed_years() for e in selectors.calendar_events(year, bodies=[body], fixed=False)]
    return _ics(build_calendar(events, name=str(body)), f"rsi-forum-{body.pk}.ics")

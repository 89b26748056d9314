"""Thin views of the strategy seminars (R34), the regions' acquisition notices, ØA marking and the
strategy goals (R40)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portfolio.models import Pejlemaerke, Region, SeminarItem, StrategyGoal
from rsi_portal.forms import apply_service_errors
from rsi_portal.permissions import has_portal_role, is_sekretariat

from . import access, selectors, seminar, services
from .forms import GoalForm, NoticeForm, OAForm, SeminarDecisionForm
from .rules import seminar_deadline
from .settings import weeks_before_seminar


def _seminar_or_404(pk: int):
    for meeting in selectors.seminar_meetings():
        if meeting.pk == pk:
            return meeting
    raise Http404


def _seminar_context(request, meeting, *, bound=None) -> dict:
    items = selectors.seminar_items(meeting.pk)
    for item in items:
        item.form = bound[1] if bound and bound[0] == item.pk else SeminarDecisionForm(prefix=f"i{item.pk}")
    return {
        "meeting": meeting,
        "items": items,
        "deadline": seminar_deadline(meeting.day, weeks_before_seminar()),
        "candidates": selectors.close_candidates(),
        "may_decide": access.may_decide_seminar(request.user),
    }


def seminar_detail(request, pk: int):
    access.check(access.may_see_pipeline(request.user))
    meeting = _seminar_or_404(pk)
    return render(request, "portfolio/pipeline/seminar.html", _seminar_context(request, meeting))


@require_http_methods(["POST"])
def seminar_agenda(request, pk: int):
    """R34: draft the seminar's agenda from IT5's pipeline."""
    access.check(access.may_decide_seminar(request.user))
    meeting = _seminar_or_404(pk)
    try:
        created = seminar.seminar_agenda_draft(actor=request.user, meeting=meeting)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(n)s idéer er sat på dagsordenen med kommissoriet som bilag.") % {"n": len(created)}
        )
    return redirect("portfolio:seminar_detail", pk=meeting.pk)


@require_http_methods(["POST"])
def seminar_decide(request, pk: int, item_pk: int):
    """R34: record the seminar's decision on one idea (moves its lifecycle, R2)."""
    access.check(access.may_decide_seminar(request.user))
    meeting = _seminar_or_404(pk)
    item = get_object_or_404(SeminarItem, pk=item_pk, meeting_id=meeting.pk)
    form = SeminarDecisionForm(request.POST, prefix=f"i{item.pk}")
    if form.is_valid():
        try:
            seminar.seminar_decide(actor=request.user, seminar_item=item, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Seminarets beslutning er registreret."))
            return redirect("portfolio:seminar_detail", pk=meeting.pk)
    context = _seminar_context(request, meeting, bound=(item.pk, form))
    return render(request, "portfolio/pipeline/seminar.html", context, status=400)


@require_http_methods(["GET", "POST"])
def notice_new(request):
    """A kontaktperson tells RSI DK that their region starts a relevant acquisition of its own."""
    access.check(access.may_give_notice(request.user))
    regions = (
        Region.objects.all()
        if is_sekretariat(request.user)
        else Region.objects.filter(pk__in=access.contact_region_ids(request.user))
    )
    form = NoticeForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            services.notice_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Tak. Orienteringen kommer på RSI DK's næste dagsorden."))
            return redirect("portfolio:kommissorium_list")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "pending": selectors.pending_notices() if is_sekretariat(request.user) else []}
    if is_sekretariat(request.user):
        context["meetings"] = selectors.rsi_dk_meetings(after=timezone.localdate())[:3]
    return render(request, "portfolio/pipeline/notice_form.html", context, status=status)


@require_http_methods(["POST"])
def notices_to_agenda(request):
    access.check(access.may_decide_seminar(request.user))
    meetings = {str(m.pk): m for m in selectors.rsi_dk_meetings(after=timezone.localdate())}
    meeting = meetings.get(request.POST.get("meeting", ""))
    if meeting is None:
        messages.error(request, _("Vælg et kommende RSI DK-møde."))
        return redirect("portfolio:notice_new")
    count = seminar.notices_to_agenda(actor=request.user, meeting=meeting)
    messages.success(request, _("%(n)s orienteringer er sat på dagsordenen.") % {"n": count})
    return redirect("portfolio:notice_new")


@require_http_methods(["POST"])
def oa_mark(request, pk: int):
    access.check(is_sekretariat(request.user))
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pk)
    form = OAForm(request.POST)
    if form.is_valid():
        services.oa_mark(actor=request.user, pejlemaerke=pejlemaerke, year=form.cleaned_data["year"])
        messages.success(request, _("Pejlemærket er markeret som igangsat via ØA."))
    else:
        messages.error(request, _("Angiv ØA-året, fx 2027."))
    return redirect(pejlemaerke)


def goal_list(request):
    access.check(has_portal_role(request.user))
    goals, month = selectors.goal_list()
    context = {"goals": goals, "month": month, "may_edit": is_sekretariat(request.user)}
    return render(request, "portfolio/pipeline/goal_list.html", context)


def goal_detail(request, pk: int):
    """R40: a goal's pejlemærker, their colours and trend."""
    access.check(has_portal_role(request.user))
    goal = get_object_or_404(StrategyGoal, pk=pk)
    context = {**selectors.goal_page(goal), "may_edit": is_sekretariat(request.user)}
    return render(request, "portfolio/pipeline/goal_detail.html", context)


@require_http_methods(["GET", "POST"])
def goal_edit(request, pk: int | None = None):
    access.check(is_sekretariat(request.user))
    goal = get_object_or_404(StrategyGoal, pk=pk) if pk else None
    initial = {"pejlemaerker": list(goal.pejlemaerker.all())} if goal else {}
    form = GoalForm(request.POST or None, instance=goal, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {n: form.cleaned_data[n] for n in form.Meta.fields}
        try:
            goal = services.strategy_goal_save(
                actor=request.user, goal=goal, pejlemaerker=form.cleaned_data["pejlemaerker"], **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Det strategiske mål er gemt."))
            return redirect(goal)
    status = 400 if request.method == "POST" else 200
    return render(request, "portfolio/pipeline/goal_form.html", {"form": form, "goal": goal}, status=status)

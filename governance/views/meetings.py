"""Meetings: the list, a meeting's page, the year's plan, when material went out, the minutes (R28)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from portfolio.models import Pejlemaerke
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page, query_string
from rsi_portal.permissions import can, require

from .. import publishing, selectors, services
from ..forms import MeetingFilterForm, MeetingForm, MinutesApprovalForm, MinutesForm, PlanForm, SentForm
from ..models import Meeting, PackKind, PackStatus
from ..pdf import minutes_pdf_bytes

MEETING_COLUMNS = [
    Column("day", gettext_lazy("Dato"), lambda m: m.day, "day"),
    Column("body", gettext_lazy("Forum"), lambda m: m.body.name, "body__name"),
    Column("format", gettext_lazy("Mødeform"), lambda m: m.get_format_display(), "format"),
    Column("location", gettext_lazy("Sted"), lambda m: m.location, "location"),
    Column("items", gettext_lazy("Punkter"), lambda m: m.item_count, "item_count"),
    Column("suggestion", gettext_lazy("Forslag"), lambda m: _("ja") if m.is_suggestion else "", "is_suggestion"),
]


def meeting_list(request):
    require(request.user, "governance.view_meeting")
    form = MeetingFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    member_bodies = selectors.member_body_ids(request.user)
    queryset = selectors.meeting_list(body=filters.get("body"), year=filters.get("year"), member_bodies=member_bodies)
    if not filters.get("past") and not filters.get("year"):
        queryset = queryset.filter(day__gte=date.today())
    if filters.get("mine") and member_bodies is not None:
        queryset = queryset.filter(body_id__in=member_bodies)
    page = list_page(request, queryset, columns=MEETING_COLUMNS, default_sort="day", export_name="moeder")
    if isinstance(page, HttpResponse):
        return page
    return render(
        request,
        "governance/meeting_list.html",
        {
            **page.context(),
            "form": form,
            "member_bodies": member_bodies,
            "is_filtered": any(filters.values()),
            "plan_form": PlanForm(initial={"year": date.today().year + 1})
            if can(request.user, "governance.add_meeting")
            else None,
        },
    )


def _publication_context(
    request, meeting: Meeting, *, members_view: bool, may_edit: bool, kind: str = PackKind.AGENDA
) -> dict:
    """R30/R39 on the meeting page: the current version (of the agenda pack or the decision log) and its date,
    what changed since the version the reader downloaded (else since the one before), and the publish form."""
    version = publishing.current_version(meeting, kind)
    downloaded = publishing.last_download(request.user, meeting, kind)
    since = downloaded if downloaded and version and downloaded.number < version.number else None
    if since is None and version is not None:
        since = publishing.previous_version(version)
    changes = publishing.changes_between(since, version, members_view=members_view) if version else []
    return {
        "version": version,
        "version_pack": version.pack_for(members_view=members_view) if version else None,
        "versions": publishing.meeting_versions(meeting, kind) if may_edit else [],
        "downloaded": downloaded,
        "changes_since": since if changes else None,
        "changes": changes,
        "agenda_on_time": services.publication_on_time(meeting, kind),
    }


def _meeting_context(request, meeting: Meeting) -> dict:
    members_view = selectors.is_member(request.user, meeting.body)
    may_edit = can(request.user, "governance.change_meeting", meeting)
    previous = selectors.previous_meeting(meeting)
    return {
        "meeting": meeting,
        "items": selectors.visible_items(meeting, members_view=members_view),
        "members_view": members_view,
        "may_edit": may_edit,
        "timeliness": selectors.meeting_timeliness(meeting),
        "decisions": selectors.meeting_decisions(meeting) if members_view else [],
        "yellow_offers": selectors.yellow_offers(meeting) if may_edit else [],
        "sent_form": SentForm() if may_edit else None,
        "previous": previous,
        "next": selectors.next_meeting(meeting),
        "publish_reason": "",
        # R28: the decision log, published like the pack; the minutes item links to the previous meeting's
        "protocol": {
            **_publication_context(
                request, meeting, members_view=members_view, may_edit=may_edit, kind=PackKind.DECISION_LOG
            ),
            "reason": "",
        },
        "previous_protocol": _published_protocol(previous),
        # R37: the quarterly reports from RITA and SYS due at this IT5 meeting that are missing
        "quarterly_missing": selectors.quarterly_missing(date.today(), meeting=meeting)
        if meeting.body.kind == "IT5"
        else [],
        **_publication_context(request, meeting, members_view=members_view, may_edit=may_edit),
    }


def _published_protocol(meeting: Meeting | None) -> Meeting | None:
    """The meeting, if its decision log is published (the next meeting's minutes item links to it)."""
    if meeting is not None and publishing.current_version(meeting, PackKind.DECISION_LOG) is not None:
        return meeting
    return None


def meeting_detail(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body", "minutes_approved_at"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    return render(request, "governance/meeting_detail.html", _meeting_context(request, meeting))


def _publish(request, pk: int, kind: str):
    """Publish the meeting's agenda pack or decision log as its next version; errors keep the typed reason."""
    meeting = get_object_or_404(Meeting.objects.select_related("body", "minutes_approved_at"), pk=pk)
    require(request.user, "governance.change_meeting", meeting)
    reason = request.POST.get("reason", "")[:2000]
    publish = services.decision_log_publish if kind == PackKind.DECISION_LOG else services.agenda_pack_publish
    try:
        version = publish(actor=request.user, meeting=meeting, reason=reason)
    except ValidationError as error:
        context = _meeting_context(request, meeting)
        if kind == PackKind.DECISION_LOG:
            context["protocol"].update(errors=error.messages, reason=reason)
        else:
            context["publish_errors"] = error.messages
            context["publish_reason"] = reason
        return render(request, "governance/meeting_detail.html", context, status=400)
    meeting.refresh_from_db()
    if services.publication_on_time(meeting, kind) is False:
        due_on = selectors.follow_up_due if kind == PackKind.DECISION_LOG else selectors.agenda_due
        due = due_on(meeting.day).strftime("%d.%m.%Y")
        late = (
            _("Version %(n)s er udsendt. Bemærk: beslutningsprotokollen skulle være udsendt senest %(due)s.")
            if kind == PackKind.DECISION_LOG
            else _("Version %(n)s er udsendt. Bemærk: dagsordenen skulle være udsendt senest %(due)s.")
        )
        messages.warning(request, late % {"n": version.number, "due": due})
    elif kind == PackKind.DECISION_LOG:
        messages.success(
            request,
            _("Version %(n)s af beslutningsprotokollen er udsendt. Medlemmerne får en e-mail med et link.")
            % {"n": version.number},
        )
    else:
        messages.success(
            request,
            _("Version %(n)s er udsendt. Pakkerne dannes, og medlemmerne får en e-mail med et link.")
            % {"n": version.number},
        )
    return redirect(meeting)


@require_POST
def agenda_publish(request, pk: int):
    """ "Udsend dagsorden": publish the current agenda as the next version (R28, R30, R39)."""
    return _publish(request, pk, PackKind.AGENDA)


@require_POST
def decision_log_publish(request, pk: int):
    """ "Udsend beslutningsprotokol": publish the decision log as the next version (R28)."""
    return _publish(request, pk, PackKind.DECISION_LOG)


def minutes_pdf(request, pk: int):
    """R28: the decision log (beslutningsprotokol): readers get the current published version for their
    audience (R29), stored as it was published; the secretariat gets the draft of what it would publish now
    (and the published one with ?udsendt)."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.view_meeting", meeting)
    members_view = selectors.is_member(request.user, meeting.body)
    if "udsendt" in request.GET or not can(request.user, "governance.change_meeting", meeting):
        try:  # a lost or failed file is rendered again, as the version it is
            pack = services.agenda_pack_request(
                actor=request.user, meeting=meeting, members_view=members_view, kind=PackKind.DECISION_LOG
            )
        except ValidationError as error:
            raise Http404(" ".join(error.messages)) from error
        if pack.status == PackStatus.DONE and pack.file:
            return redirect("governance:pack_download", token=pack.uuid)
        return redirect(pack)  # still rendering: the pack page shows its progress
    data = minutes_pdf_bytes(meeting, members_view=members_view)
    response = HttpResponse(data, content_type="application/pdf")
    filename = f"beslutningsprotokol-{meeting.body.kind.lower()}-{meeting.day:%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def meeting_edit(request, pk: int | None = None):
    meeting = get_object_or_404(Meeting, pk=pk) if pk else None
    require(request.user, "governance.change_meeting" if meeting else "governance.add_meeting", meeting)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_save(actor=request.user, meeting=meeting, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Mødet er gemt."))
            return redirect(meeting)
    return render(request, "governance/meeting_form.html", {"form": form, "meeting": meeting})


@require_POST
def meeting_plan(request):
    require(request.user, "governance.add_meeting")
    form = PlanForm(request.POST)
    if form.is_valid():
        body, year = form.cleaned_data["body"], form.cleaned_data["year"]
        created = services.meeting_plan_generate(actor=request.user, body=body, year=year)
        messages.success(
            request,
            _("%(n)s møder er foreslået for %(year)s. Ret dato, form og sted på hvert møde.")
            % {"n": len(created), "year": year},
        )
        return redirect(reverse("governance:meeting_list") + "?" + query_string({"body": body.pk, "year": year}))
    messages.error(request, _("Vælg et forum og et år."))
    return redirect("governance:meeting_list")


@require_POST
def agenda_draft(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.add_agendaitem", meeting)
    created = services.agenda_draft(actor=request.user, meeting=meeting)
    messages.success(request, _("Dagsordenen er udarbejdet: %(n)s punkter er tilføjet.") % {"n": len(created)})
    return redirect(meeting)


@require_POST
def agenda_add_pejlemaerke(request, pk: int, pejlemaerke_pk: int):
    """R11: one click adds a persistent-yellow pejlemærke to the agenda."""
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.add_agendaitem", meeting)
    pejlemaerke = get_object_or_404(Pejlemaerke, pk=pejlemaerke_pk)
    offer = selectors.YellowOffer(pejlemaerke)
    item = services.agenda_item_add_for_pejlemaerke(actor=request.user, meeting=meeting, candidate=offer)
    if item:
        messages.success(
            request, _("%(name)s er sat på dagsordenen som punkt %(n)s.") % {"name": pejlemaerke.name, "n": item.number}
        )
    return redirect(meeting)


@require_POST
def meeting_sent(request, pk: int):
    meeting = get_object_or_404(Meeting, pk=pk)
    require(request.user, "governance.change_meeting", meeting)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_mark_sent(actor=request.user, meeting=meeting, **form.cleaned_data)
            messages.success(request, _("Udsendelsen er registreret."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect(meeting)


@require_http_methods(["GET", "POST"])
def meeting_minutes(request, pk: int):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    require(request.user, "governance.change_meeting", meeting)
    approving = "approve_at" in request.POST
    # While approving, the minutes field shows what is stored (and can carry the approval's errors).
    form = MinutesForm(
        {"minutes": meeting.minutes} if approving else request.POST or None, initial={"minutes": meeting.minutes}
    )
    if request.method == "POST":
        if approving:
            approval = MinutesApprovalForm(request.POST)
            try:
                if not approval.is_valid():
                    raise ValidationError(approval.errors["approve_at"])
                services.minutes_approve(actor=request.user, meeting=meeting, at=approval.cleaned_data["approve_at"])
                messages.success(request, _("Referatet er registreret som godkendt."))
                return redirect(meeting)
            except ValidationError as error:
                form.add_error(None, error.messages)
        elif form.is_valid():
            try:
                services.minutes_write(actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"])
                messages.success(request, _("Referatet er gemt."))
                return redirect(meeting)
            except ValidationError as error:
                apply_service_errors(form, error)
    return render(
        request,
        "governance/minutes_form.html",
        {"form": form, "meeting": meeting, "next": selectors.next_meeting(meeting)},
        status=400 if form.errors else 200,
    )

"""R25: the escalation log (a list page with filters, export and counts) and raising one from its source's page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portfolio.models import Body, BodyKind, Pejlemaerke
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, list_page

from .. import escalation_reads, services
from ..escalation_forms import EscalationFilterForm, EscalationRaiseForm
from ..models import JointSystem


def _outcome(e) -> str:
    if getattr(e, "closed", False):
        return _("Lukket punkt")
    if e.decision_id:
        return e.decision.get_outcome_display()
    if e.is_waiting:
        return _("Venter – %(body)s har intet møde planlagt") % {"body": e.to_body.get_kind_display().split(" (")[0]}
    return _("Til behandling %(day)s") % {"day": e.item.meeting.day.strftime("%d.%m.%Y")}


def _columns(closed) -> list[Column]:
    def outcome(e):
        e.closed = closed(e)
        return _outcome(e)

    return [
        Column("raised_on", gettext_lazy("Rejst"), lambda e: e.raised_on, "raised_on"),
        Column("path", gettext_lazy("Vej"), lambda e: e.path_label, "source"),
        Column("subject", gettext_lazy("Emne"), lambda e: str(e.subject), None),
        Column("kind", gettext_lazy("Type"), lambda e: e.get_kind_display(), "kind"),
        Column("decided_on", gettext_lazy("Besluttet"), lambda e: e.decided_on, "decided_on"),
        Column("outcome", gettext_lazy("Udfald"), outcome, "outcome"),
    ]


def escalation_list(request):
    """The secretariat's and IT5's and RSI DK's members' log of every escalation."""
    if not escalation_reads.may_view_log(request.user):
        raise PermissionDenied
    form = EscalationFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = escalation_reads.escalation_log(
        source=filters.get("source") or "",
        kind=filters.get("kind") or "",
        year=filters.get("year"),
        state=filters.get("state") or "",
    )
    closed = escalation_reads.closed_to(request.user)
    page = list_page(
        request,
        queryset,
        columns=_columns(closed),
        default_sort="-raised_on",
        export_name="eskalationslog",
        per_page=50,
    )
    if isinstance(page, HttpResponse):
        return page
    for escalation in page.rows:
        escalation.closed = closed(escalation)
    context = {
        **page.context(),
        "form": form,
        "is_filtered": any(filters.get(name) for name in ("source", "kind", "year", "state")),
        "counts": escalation_reads.escalation_counts(queryset),
    }
    return render(request, "governance/escalations/list.html", context)


def _raise(request, *, bodies, subject_kwargs, back, heading):
    bodies = [body for body in bodies if services.may_raise_escalation(request.user, body)]
    if not bodies:
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = EscalationRaiseForm(request.POST, bodies=bodies)
        if form.is_valid():
            data = form.cleaned_data
            try:
                escalation = services.escalation_raise(
                    actor=request.user,
                    from_body=data["from_body"],
                    kind=data["kind"],
                    reason=data["reason"],
                    **subject_kwargs,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                names = {"body": escalation.to_body.get_kind_display().split(" (")[0]}
                if escalation.item_id:
                    names.update(day=escalation.item.meeting.day.strftime("%d.%m.%Y"), number=escalation.item.number)
                    text = _("Eskalationen er sat på dagsordenen for mødet i %(body)s %(day)s som punkt %(number)s.")
                else:
                    text = _(
                        "%(body)s har intet møde planlagt endnu. Eskalationen venter og kommer på dagsordenen for "
                        "det næste møde, der planlægges."
                    )
                messages.success(request, text % names)
                return redirect(back)
        status = 400
    else:
        form = EscalationRaiseForm(bodies=bodies)
    context = {"form": form, "heading": heading, "back": back}
    return render(request, "governance/escalations/raise.html", context, status=status)


@require_http_methods(["GET", "POST"])
def escalation_raise_pejlemaerke(request, pk: int):
    """R25 from the pejlemærke's (or its project's) page: its steering group escalates to IT5 or RSI DK."""
    pejlemaerke = get_object_or_404(Pejlemaerke.objects.select_related("steering_group"), pk=pk)
    if pejlemaerke.steering_group is None:
        raise Http404
    return _raise(
        request,
        bodies=[pejlemaerke.steering_group],
        subject_kwargs={"pejlemaerke": pejlemaerke},
        back=reverse("portfolio:pejlemaerke_detail", args=[pejlemaerke.pk]),
        heading=_("Eskalér fra styregruppen for %(name)s") % {"name": pejlemaerke.name},
    )


@require_http_methods(["GET", "POST"])
def escalation_raise_system(request, pk: int):
    """R25 from the joint system's page: SYS (a system matter) or RITA (an architecture decision) → IT5."""
    system = get_object_or_404(JointSystem, pk=pk)
    return _raise(
        request,
        bodies=list(Body.objects.filter(kind__in=[BodyKind.SYS, BodyKind.RITA]).order_by("kind")),
        subject_kwargs={"joint_system": system},
        back=reverse("governance:joint_system_detail", args=[system.pk]),
        heading=_("Eskalér %(name)s til IT5") % {"name": system.name},
    )

"""Thin views of the pipeline (R34): the funnel, ideas and their kommissorier, PMO5's qualification and
IT5's ranking. Each denies unless the role and the object allow it (see access.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from portfolio.models import Kommissorium, Region, Stage
from rsi_portal.forms import apply_service_errors
from rsi_portal.listing import Column, export_response
from rsi_portal.permissions import has_portal_role, is_sekretariat

from . import access, selectors, services
from .forms import KommissoriumForm, KommissoriumLinkForm, QualificationForm, RankForm
from .pdf import kommissorium_pdf

EXPORT_COLUMNS = [
    Column("title", gettext_lazy("Idé"), lambda k: k.title),
    Column("stage", gettext_lazy("Trin"), lambda k: k.funnel_label),
    Column("days", gettext_lazy("Dage på trinnet"), lambda k: k.days_in_stage),
    Column("proposer", gettext_lazy("Forslagsstiller"), lambda k: k.proposer.get_full_name() or k.proposer.username),
    Column("source", gettext_lazy("Kilde"), lambda k: k.get_source_display()),
    Column("regions", gettext_lazy("Regioner"), lambda k: ", ".join(r.code for r in k.regions.all())),
    Column("cost", gettext_lazy("Anslået økonomi (kr.)"), lambda k: k.rough_cost),
    Column(
        "rank", gettext_lazy("Placering hos IT5"), lambda k: getattr(getattr(k, "pipeline_entry", None), "rank", None)
    ),
    Column("oa", gettext_lazy("ØA-år"), lambda k: k.oa_year),
]


def _entry(k):
    try:
        return k.pipeline_entry
    except Kommissorium.pipeline_entry.RelatedObjectDoesNotExist:
        return None


def pipeline(request):
    """R34: the whole funnel with counts and time in stage; ?format=xlsx exports every idea."""
    access.check(access.may_see_pipeline(request.user))
    if request.GET.get("format") in ("xlsx", "csv"):
        return export_response(
            request.GET["format"], "pipeline", EXPORT_COLUMNS, selectors.kommissorium_list(request.user)
        )
    stages, side = selectors.funnel(request.user)
    context = {
        "stages": stages,
        "side": side,
        "awaiting": selectors.awaiting_qualification(),
        "seminars": selectors.seminar_meetings(),
        "may_decide": access.may_decide_seminar(request.user),
    }
    return render(request, "portfolio/pipeline/pipeline.html", context)


def kommissorium_list(request):
    access.check(has_portal_role(request.user))
    stage = request.GET.get("stage", "")
    if stage and stage not in selectors.STAGE_LABELS:
        stage = ""
    rows = selectors.kommissorium_list(request.user, stage=stage)
    context = {
        "rows": rows,
        "stage": stage,
        "stage_label": selectors.STAGE_LABELS.get(stage, ""),
        "stages": list(selectors.STAGE_LABELS.items()),
        "may_propose": access.may_propose(request.user),
        "may_see_pipeline": access.may_see_pipeline(request.user),
        "may_give_notice": access.may_give_notice(request.user),
    }
    return render(request, "portfolio/pipeline/kommissorium_list.html", context)


@require_http_methods(["GET", "POST"])
def kommissorium_edit(request, pk: int | None = None):
    """R34: propose an idea or edit its draft; "Gem kladde" keeps a draft, "Indsend" sends it to PMO5."""
    k = get_object_or_404(Kommissorium, pk=pk) if pk else None
    access.check(access.may_edit(request.user, k) if k else access.may_propose(request.user))
    submitting = request.POST.get("action") == "submit"
    if request.method == "POST":
        form = KommissoriumForm(request.POST, submitting=submitting)
    else:
        form = KommissoriumForm(initial=KommissoriumForm.initial_for(k) if k else {"type": "analyse"})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        regions, reason = data.pop("regions"), data.pop("reason")
        try:
            k = services.kommissorium_save(
                actor=request.user, kommissorium=k, regions=regions, submit=submitting, reason=reason, **data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Kommissoriet er indsendt til PMO5's kvalificering.") if submitting else _("Kladden er gemt."),
            )
            return redirect(k)
    status = 400 if request.method == "POST" else 200
    return render(request, "portfolio/pipeline/kommissorium_form.html", {"form": form, "k": k}, status=status)


def _may_link(user, k) -> bool:
    """The secretariat links a submitted idea that has no pejlemærke yet to an existing one."""
    return is_sekretariat(user) and k.stage != Stage.DRAFT and not k.pejlemaerke_id


def _detail_context(request, k, *, qualify_form=None, rank_form=None, link_form=None) -> dict:
    user = request.user
    qualify_regions = access.member_region_ids(user, "PMO5")
    may_qualify = qualify_regions is not None and k.stage in services.QUALIFY_FROM
    may_rank = access.may_rank(user) and k.stage in services.RANK_FROM
    if may_qualify and qualify_form is None:
        qualify_form = QualificationForm(regions=Region.objects.filter(pk__in=qualify_regions - {None}))
    seminars = selectors.seminar_meetings()
    if may_rank and rank_form is None:
        entry = _entry(k)
        rank_form = RankForm(
            seminars=seminars,
            initial={"position": entry.rank if entry else 1, "priority": entry.priority if entry else ""},
        )
    return {
        "k": k,
        "entry": _entry(k),
        "funnel_label": selectors.STAGE_LABELS.get(
            selectors.stage_of(k, selectors.with_projektgrundlag([k.pejlemaerke_id] if k.pejlemaerke_id else [])),
            k.stage,
        ),
        "may_edit": access.may_edit(user, k),
        "qualify_form": qualify_form if may_qualify else None,
        "rank_form": rank_form if may_rank else None,
        "seminars": {m.pk: m for m in seminars},
        # A refused link re-renders its form with the reason, even where the form is not offered.
        "link_form": link_form or (KommissoriumLinkForm() if _may_link(user, k) else None),
        "history": selectors.kommissorium_history(k),
    }


def _visible_or_404(request, pk):
    k = get_object_or_404(Kommissorium, pk=pk)
    if not access.may_view(request.user, k):
        if has_portal_role(request.user):
            raise Http404
        raise PermissionDenied
    return selectors.kommissorium_detail(pk)


def kommissorium_detail(request, pk: int):
    k = _visible_or_404(request, pk)
    return render(request, "portfolio/pipeline/kommissorium_detail.html", _detail_context(request, k))


def kommissorium_pdf_view(request, pk: int):
    k = _visible_or_404(request, pk)
    response = HttpResponse(kommissorium_pdf(k), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kommissorium-{k.pk}.pdf"'
    return response


@require_http_methods(["POST"])
def kommissorium_qualify(request, pk: int):
    """R34: a PMO5 member records the qualification, for their region or jointly."""
    k = _visible_or_404(request, pk)
    regions = access.member_region_ids(request.user, "PMO5")
    access.check(regions is not None)
    form = QualificationForm(request.POST, regions=Region.objects.filter(pk__in=regions - {None}))
    if form.is_valid():
        data = dict(form.cleaned_data)
        region_id = data.pop("region")
        try:
            services.qualification_record(
                actor=request.user,
                kommissorium=k,
                region=Region.objects.get(pk=region_id) if region_id else None,
                **data,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Kvalificeringen er registreret."))
            return redirect(k)
    context = _detail_context(request, selectors.kommissorium_detail(pk), qualify_form=form)
    return render(request, "portfolio/pipeline/kommissorium_detail.html", context, status=400)


@require_http_methods(["POST"])
def kommissorium_rank(request, pk: int):
    """R34: an IT5 member places the idea in the pipeline, with priority and target seminar."""
    k = _visible_or_404(request, pk)
    access.check(access.may_rank(request.user))
    seminars = selectors.seminar_meetings()
    form = RankForm(request.POST, seminars=seminars)
    if form.is_valid():
        data = dict(form.cleaned_data)
        target = {str(m.pk): m for m in seminars}.get(data.pop("target_seminar") or "")
        try:
            services.pipeline_place(actor=request.user, kommissorium=k, target_seminar=target, **data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Idéen er placeret i IT5's pipeline."))
            return redirect("portfolio:pipeline_ranking")
    context = _detail_context(request, selectors.kommissorium_detail(pk), rank_form=form)
    return render(request, "portfolio/pipeline/kommissorium_detail.html", context, status=400)


@require_http_methods(["POST"])
def kommissorium_link(request, pk: int):
    """The secretariat records which existing pejlemærke a submitted idea became, with a reason."""
    access.check(is_sekretariat(request.user))
    k = _visible_or_404(request, pk)
    form = KommissoriumLinkForm(request.POST)
    if form.is_valid():
        try:
            services.kommissorium_link(actor=request.user, kommissorium=k, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Idéen er knyttet til pejlemærket."))
            return redirect(k)
    context = _detail_context(request, selectors.kommissorium_detail(pk), link_form=form)
    return render(request, "portfolio/pipeline/kommissorium_detail.html", context, status=400)


def pipeline_ranking(request):
    """R34: IT5's ranked pipeline, the qualified ideas waiting, and the history of the order."""
    access.check(access.may_see_pipeline(request.user))
    ranked, waiting = selectors.ranking()
    context = {
        "ranked": ranked,
        "waiting": waiting,
        "history": selectors.ranking_history(),
        "may_rank": access.may_rank(request.user),
    }
    return render(request, "portfolio/pipeline/ranking.html", context)

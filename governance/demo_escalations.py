"""R25 demo data: one open escalation (LUNA's steering group → IT5, on IT5's next agenda) and one decided
(RITA → IT5 on a joint system, decided at IT5's last meeting). Idempotent: left alone once there."""

from datetime import timedelta

from django.contrib.auth import get_user_model

from portfolio.models import Body, BodyKind, Pejlemaerke

from . import services
from .models import Escalation, EscalationKind, JointSystem, Meeting, Outcome


def load(actor, today) -> str:
    if Escalation.objects.exists():
        return f"Eskalationer: {Escalation.objects.count()}."
    it5 = Body.objects.get(kind=BodyKind.IT5)
    past = Meeting.objects.filter(body=it5, day__lt=today).order_by("-day").first()
    system = JointSystem.objects.order_by("name").first()
    if past is not None and system is not None:
        decided = services.escalation_raise(
            actor=actor,
            from_body=Body.objects.get(kind=BodyKind.RITA),
            kind=EscalationKind.ARCHITECTURE,
            reason="RITA er uenige om integrationsmønsteret (beskeder eller API) og beder IT5 beslutte.",
            joint_system=system,
            today=past.day - timedelta(days=14),
        )
        if decided.item is not None:
            services.agenda_item_decide(
                actor=actor,
                item=decided.item,
                outcome=Outcome.APPROVED,
                text="IT5 besluttede, at nye integrationer bygges API-baseret efter RITA's principper.",
                decided_on=decided.item.meeting.day,
            )
    luna = Pejlemaerke.objects.filter(short_name="LUNA").select_related("steering_group").first()
    if luna is not None and luna.steering_group is not None:
        chair = get_user_model().objects.filter(username="formand").first() or actor
        services.escalation_raise(
            actor=chair,
            from_body=luna.steering_group,
            kind=EscalationKind.IT_TECHNICAL,
            reason="Styregruppen kan ikke løse konflikten om fælles login (MitID Erhverv eller regionernes AD) "
            "og beder IT5 beslutte.",
            pejlemaerke=luna,
            today=today,
        )
    return f"Eskalationer: {Escalation.objects.count()}."

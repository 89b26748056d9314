"""R23: a version the steering group approves above the joint frame goes on to IT5 or RSI DK (R24)."""

from django.utils.translation import gettext as _

from governance import services as governance_services
from rsi_portal.formatting import kroner
from rsi_portal.services import model_update

from .. import rules, selectors
from ..models import BusinessCaseVersion


def _rise_year(version: BusinessCaseVersion, frame: BusinessCaseVersion | None) -> int:
    """The first budget year whose joint expenses rise against the frame (else the version's first year)."""
    now, before = selectors.joint_by_year(version), selectors.joint_by_year(frame) if frame else {}
    rising = [year for year, amount in sorted(now.items()) if amount > before.get(year, selectors.ZERO)]
    return rising[0] if rising else version.start_date.year


def frame_route(*, actor, version: BusinessCaseVersion) -> dict[str, list]:
    """R23, in the steering group's approval: above the frame, open the matter R24 routes on the increase
    (the first financing whole, to RSI DK) and link it to the version. Returns what changed on the version."""
    case = version.business_case
    frame = selectors.frame_version(case, before=version)
    joint = selectors.joint_economy(version)
    excess = rules.above_frame(joint, selectors.joint_economy(frame) if frame else None)
    if excess is None:
        return {}
    project = case.project
    names = {"project": project.name, "n": version.number, "joint": kroner(joint)}
    if excess.frame is None:
        title = _("Finansiering af %(project)s (business case version %(n)s)") % names
        description = (
            _(
                "Styregruppen har godkendt version %(n)s af business casen for %(project)s. Det er projektets første "
                "finansiering: en fællesregional økonomi på %(joint)s (fællesregionale udgifter uden drift, plus "
                "buffer). Versionen tæller med i opkrævningen og budgetoverblikket, når finansieringen er godkendt."
            )
            % names
        )
    else:
        names.update(frame=kroner(excess.frame), increase=kroner(excess.amount))
        title = _("Øget fællesregional økonomi for %(project)s (business case version %(n)s)") % names
        description = (
            _(
                "Styregruppen har godkendt version %(n)s af business casen for %(project)s. Den fællesregionale "
                "økonomi (fællesregionale udgifter uden drift, plus buffer) stiger fra %(frame)s, som IT5 eller "
                "RSI DK sidst har godkendt, til %(joint)s: %(increase)s mere. Versionen tæller med i opkrævningen "
                "og budgetoverblikket, når stigningen er godkendt."
            )
            % names
        )
    matter = governance_services.matter_open(
        actor=actor,
        title=title,
        description=description,
        kind=excess.kind,
        amount=excess.amount,
        year=_rise_year(version, frame),
        pejlemaerke=project.pejlemaerke,
        project=project,
    )
    return model_update(instance=version, data={"frame_matter": matter})

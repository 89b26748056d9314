"""What the apps above the portfolio base add to its writes, registered in their AppConfig.ready().

- `lifecycle_checks`: callables (pejlemaerke, to_state) -> list of Danish problems that refuse an R2
  transition (the projects app checks the projektgrundlag and the afslutningsrapport);
- `pejlemaerke_created`: callables (pejlemaerke, regions) run in the creating transaction (the
  projects app creates the pejlemærke's project or, for a monitoring pejlemærke, one per region);
- `pejlemaerke_leader_changed`: callables (pejlemaerke, previous_leader) run when its project leader
  changes (the projects app moves the joint project's leader along);
- `decision_recorders`: callables (actor, subject, body, text, decided_on) -> the recorded approval, so an
  app can record a body's decision without importing governance (the gate decision, R6).
"""

from rsi_portal.registry import Hook

lifecycle_checks = Hook("lifecycle checks")
pejlemaerke_created = Hook("pejlemaerke created")
decision_recorders = Hook("decision recorders")
pejlemaerke_leader_changed = Hook("pejlemaerke leader changed")

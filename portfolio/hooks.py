"""What the apps above the portfolio base add to its writes, registered in their AppConfig.ready().

- `lifecycle_checks`: callables (pejlemaerke, to_state) -> list of Danish problems that refuse an R2
  transition (the projects app checks the projektgrundlag and the afslutningsrapport);
- `pejlemaerke_created`: callables (pejlemaerke, regions) run in the creating transaction (the
  projects app creates the pejlemærke's project or, for a monitoring pejlemærke, one per region);
- `decision_recorders`: callables (actor, subject, body, text, decided_on) -> the recorded approval, so an
  app can record a body's decision without importing governance (the gate decision, R6).
"""

from rsi_portal.registry import Hook

lifecycle_checks = Hook("lifecycle checks")
pejlemaerke_created = Hook("pejlemaerke created")
decision_recorders = Hook("decision recorders")

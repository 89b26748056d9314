"""What the apps above the portfolio base add to its writes, registered in their AppConfig.ready().

- `lifecycle_checks`: callables (pejlemaerke, to_state) -> list of Danish problems that refuse an R2
  transition (the projects app checks the projektgrundlag and the afslutningsrapport);
- `pejlemaerke_created`: callables (pejlemaerke, regions) run in the creating transaction (the
  projects app creates the pejlemærke's project or, for a monitoring pejlemærke, one per region);
- `pejlemaerke_leader_changed`: callables (pejlemaerke, previous_leader) run when its project leader
  changes (the projects app moves the joint project's leader along);
- `decision_recorders`: callables (actor, subject, body, text, decided_on) -> the recorded approval, so an
  app can record a body's decision without importing governance (the gate decision, R6);
- `participation_changed`: callables (pejlemaerke, region) run in the transaction that changed a region's
  participation (R3), and `lifecycle_changed`: callables (pejlemaerke, from_state, to_state) run in an R2
  transition's transaction (the projects app refreshes the kept monthly roll-up);
- `business_case_counted`: callables (actor, project, version, previous) run in the transaction in which a
  business-case version becomes the one that counts (finance), `previous` the one it replaces or None, so
  the projects app flags a budget that rises above 10 mio. kr. that day (R27) without the two apps
  importing each other's services.
- `yearly_reminders`: callables (today) -> {kind: number sent}, run by the rhythm's daily reminder tick
  (finance reminds each planned benefit's reporter in the realisation report month, R36).
"""

from rsi_portal.registry import Hook

lifecycle_checks = Hook("lifecycle checks")
pejlemaerke_created = Hook("pejlemaerke created")
decision_recorders = Hook("decision recorders")
pejlemaerke_leader_changed = Hook("pejlemaerke leader changed")
participation_changed = Hook("participation changed")
lifecycle_changed = Hook("lifecycle changed")
business_case_counted = Hook("business case counted")
yearly_reminders = Hook("yearly reminders")

"""The projects app's pages, one module per subject: `gates` (a project, its phases, gates and
documents, the gate requirements), `risk` (It-rådets risk assessments) and `status` (monthly status)."""

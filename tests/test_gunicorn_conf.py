"""gunicorn.conf.py's worker hook: start-up objects are frozen out of later garbage collections."""

import gc
import runpy
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_started_worker_freezes_its_start_up_objects():
    conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        conf["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 0  # what a full collection in a request no longer walks
    finally:
        gc.unfreeze()

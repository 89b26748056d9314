"""gunicorn settings for the web service (the Dockerfile's CMD and docker-compose.yml run with this file).

The access log is the usual combined format plus the request time, with secret path segments
(the calendar-feed tokens under /kalender/) replaced by a marker in every field: the request
line, the path, the referrer and any header or environ atom a custom format might add.
"""

import gc
import os

from gunicorn.glogging import Logger

from rsi_portal.redaction import redact_secret_paths

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# 2 × cores + 1 for a two-core host (docs/deployment.md): a request spends about half its time waiting for
# PostgreSQL, and the extra workers use the cores meanwhile. Not from os.cpu_count(): in a
# container that counts the host's cores, not the container's share.
workers = int(os.environ.get("GUNICORN_WORKERS", "5"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


class RedactingLogger(Logger):
    """gunicorn's logger with secret path segments redacted from every access-log atom."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {key: redact_secret_paths(value) if isinstance(value, str) else value for key, value in atoms.items()}


logger_class = RedactingLogger


def post_worker_init(worker):
    """Leave the worker's start-up objects (Django, the URL conf, the templates) out of every later garbage
    collection: a full collection walks all of them and lands in whichever request triggers it (the p95)."""
    gc.collect()
    gc.freeze()

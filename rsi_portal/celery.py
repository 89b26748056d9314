"""The Celery app. Without REDIS_URL, settings make every task run eagerly in process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rsi_portal.settings")

app = Celery("rsi_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules inside an app's sub-packages are not found by app name alone.
app.autodiscover_tasks(["portfolio.rhythm"])

import pytest


@pytest.fixture
def eager_tasks():
    """Run Celery tasks in process for tests that are not about the worker (the worker test uses a real one)."""
    from rsi_portal.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous

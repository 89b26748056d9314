# RSI Portal: one image for web (gunicorn), Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's system libraries (Pango, HarfBuzz), fonts, gettext for compilemessages, and
# PostgreSQL's client tools for `manage.py backup` and `restore` (pg_dump, pg_restore).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libjpeg62-turbo libffi8 \
      fonts-dejavu-core fonts-liberation gettext curl postgresql-client \
      libreoffice-writer-nogui libreoffice-calc-nogui libreoffice-impress-nogui \
 && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 rsi
WORKDIR /app

COPY pyproject.toml README.md ./
COPY rsi_portal ./rsi_portal
COPY portfolio ./portfolio
COPY projects ./projects
COPY finance ./finance
COPY governance ./governance
COPY api ./api
RUN pip install --no-cache-dir .

COPY . .
# collectstatic needs settings; a throwaway key is used only for this build step.
RUN DEBUG=0 SECRET_KEY=build-only-not-secret-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/var/media && chown -R rsi:rsi /app/var

USER rsi
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD curl -fsS http://127.0.0.1:8000/health/ || exit 1
# Bind, workers and the access log (calendar tokens redacted) are in gunicorn.conf.py.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "rsi_portal.wsgi:application"]

# Production image: gunicorn serves the app; the same image runs the worker and beat.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=config.settings.production
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 fonts-noto-cjk gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements/production.txt requirements/production.txt
RUN pip install --no-cache-dir -r requirements/production.txt
COPY . .
RUN DJANGO_SECRET_KEY=build-only-build-only-build-only-build-only-build-only \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 CELERY_BROKER_URL=memory:// \
    DJANGO_ALLOWED_HOSTS=localhost TEOP_AUDIT_HMAC_KEY=build-only-build-only-build-only-xx \
    sh -c "python manage.py compilemessages -v 0 && python manage.py collectstatic --noinput -v 0"
# The directories that docker-compose.yml mounts volumes on exist, owned by teop, so a new
# named volume starts with that owner.
RUN useradd --system --uid 1000 teop \
 && mkdir -p /app/var/keystore /app/var/audit-checkpoints && chown -R teop /app/var
USER teop
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

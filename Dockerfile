# Production image for Säkerhetsportalen: the web app (gunicorn), the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0 \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/data/media

# WeasyPrint needs Pango; gettext compiles the translations.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY . .
# collectstatic needs some secret; the real one comes from the environment at run time.
RUN SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput \
    && useradd --system --home /app sakerhet && mkdir -p /data/media && chown -R sakerhet /data
USER sakerhet
EXPOSE 8000
CMD ["gunicorn", "koping_sakerhet.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]

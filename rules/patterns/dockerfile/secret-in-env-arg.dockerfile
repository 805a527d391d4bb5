FROM python:3.12-slim
# ruleid: patterns.dockerfile.secret-in-env-arg
ARG NEXUS_TOKEN=nx7Rk2LmQ9vT4wZpA3cD
# ok: patterns.dockerfile.secret-in-env-arg
ARG GITHUB_TOKEN
# ruleid: patterns.dockerfile.secret-in-env-arg
ENV PYTHONUNBUFFERED=1 DJANGO_SECRET_KEY="k8q2v!x9z@m4p7w1r5t0y3u6i8o2a4s" DJANGO_SETTINGS_MODULE=app.settings
# ok: patterns.dockerfile.secret-in-env-arg
ENV PYTHONDONTWRITEBYTECODE=1 DATABASE_PASSWORD_FILE=/run/secrets/db_password
# ruleid: patterns.dockerfile.secret-in-env-arg
ENV MAPS_API_KEY mk-4f9a2c7e1b8d3f6a0e5c
# ok: patterns.dockerfile.secret-in-env-arg
ENV MYSQL_ALLOW_EMPTY_PASSWORD=yes
# ok: patterns.dockerfile.secret-in-env-arg
ENV API_TOKEN=${API_TOKEN}
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=secret,id=nexus_token,env=NEXUS_TOKEN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 10001
CMD ["gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"]

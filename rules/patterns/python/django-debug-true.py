# Django settings for the "shop" project.
import os
from pathlib import Path

import django
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# ruleid: patterns.python.django-debug-true
DEBUG = True

ALLOWED_HOSTS = ["shop.example.com"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "shop.orders",
]

ROOT_URLCONF = "shop.urls"

if os.environ.get("DJANGO_ENV") == "ci":
    # ok: patterns.python.django-debug-true
    DEBUG_PROPAGATE_EXCEPTIONS = True


def configure_standalone():
    if not settings.configured:
        # ruleid: patterns.python.django-debug-true
        settings.configure(DEBUG=True, INSTALLED_APPS=["shop.orders"])
        django.setup()


def configure_standalone_from_env():
    if not settings.configured:
        # ok: patterns.python.django-debug-true
        settings.configure(DEBUG=os.environ.get("DJANGO_DEBUG") == "1", INSTALLED_APPS=["shop.orders"])
        django.setup()


class TestSettings:
    # ok: patterns.python.django-debug-true
    DEBUG = False

"""A small project written exactly as for Django, for the end-to-end compat tests."""

from __future__ import annotations

from pathlib import Path

FILES = {
    "manage.py": '''#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
''',
    "mysite/__init__.py": "",
    "mysite/settings.py": """from pathlib import Path

import django

assert django.VERSION >= (4, 2), django.VERSION

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "django-insecure-compat-test"
DEBUG = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.staticfiles", "polls"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "mysite.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "static/"
""",
    "mysite/urls.py": """from django.urls import path

from polls import views

urlpatterns = [
    path("", views.index, name="index"),
    path("api/", views.api, name="api"),
]
""",
    "polls/__init__.py": "",
    "polls/apps.py": """from django.apps import AppConfig


class PollsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "polls"
""",
    "polls/models.py": """from django.db import models


class Question(models.Model):
    text = models.CharField(max_length=200)
    published = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.text
""",
    "polls/views.py": """from django.http import JsonResponse
from django.shortcuts import render

from .models import Question


def index(request):
    return render(request, "polls/index.html", {"questions": Question.objects.all()})


def api(request):
    return JsonResponse({"questions": list(Question.objects.values_list("text", flat=True))})
""",
    "polls/migrations/__init__.py": "",
    "polls/templates/polls/index.html": """{% load static %}<!doctype html>
<link rel="stylesheet" href="{% static 'polls/style.css' %}">
<h1>Polls</h1>
<ul>{% for q in questions %}<li>{{ q.text }}</li>{% empty %}<li>No polls.</li>{% endfor %}</ul>
""",
    "polls/static/polls/style.css": "h1 { color: teal; }\n",
    "polls/tests.py": """import django
from django.http import HttpResponse
from django.test import TestCase
from django.urls import reverse

from .models import Question


class PollsTests(TestCase):
    def test_index(self):
        Question.objects.create(text="What's new?")
        response = self.client.get(reverse("index"))
        self.assertEqual(response.status_code, 200)
        self.assertIsInstance(response, HttpResponse)
        self.assertContains(response, "What&#x27;s new?")
        self.assertContains(response, "/static/polls/style.css")

    def test_api(self):
        Question.objects.create(text="Q1")
        response = self.client.get("/api/")
        self.assertEqual(response.json(), {"questions": ["Q1"]})

    def test_version(self):
        self.assertGreaterEqual(django.VERSION, (4, 2))
""",
}


def write_project(root: Path) -> Path:
    """Write the project under root; returns root."""
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root

"""Models for the generic view tests (app label "gvtests")."""

from nuages.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)
    slug = models.SlugField(unique=True)

    class Meta:
        app_label = "gvtests"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"/authors/{self.pk}/"


class Book(models.Model):
    title = models.CharField(max_length=50)
    pubdate = models.DateField()
    created = models.DateTimeField(null=True)

    class Meta:
        app_label = "gvtests"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


MODELS = [Author, Book]

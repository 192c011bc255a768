"""What the synthetic-district generator records about its own runs.

A row here says "this database's district was generated": the generator, the
benchmark and the demo refuse to write into a database that holds schools,
students or discipline records without one (``demo.guard``).
"""

from django.db import models
from django.utils import timezone


class GeneratedDistrict(models.Model):
    command = models.CharField(max_length=40)
    seed = models.IntegerField()
    schools = models.PositiveIntegerField()
    students = models.PositiveIntegerField()
    years = models.PositiveSmallIntegerField()
    seconds = models.FloatField(default=0)
    counts = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.command}: {self.schools} schools, {self.students} students ({self.seed})"

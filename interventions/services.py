"""Writes of interventions (other means of correction).

They are judged with every other write of the student's records, under its
row lock, by ``discipline.services``; this module names them for the
interventions app's views.
"""

from discipline.services import intervention_record, intervention_update

__all__ = ["intervention_record", "intervention_update"]

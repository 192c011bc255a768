"""Publishing a month as a task (``django_tasks``): the publish button reserves
the version (``services.publication_start``) and enqueues this; a worker
(``manage.py db_worker``) runs it. A failure is recorded on the publication
(status "failed" and its reason, shown on its page) by ``publication_run``."""

from django_tasks import task

from reporting import services
from reporting.models import Publication


@task()
def publish_month(publication_id: int) -> str:
    publication = services.publication_run(publication=Publication.objects.get(pk=publication_id))
    return publication.status

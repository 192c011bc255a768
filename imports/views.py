"""The upload page for district staff: a dry run first (a task), its report,
then the real run (another task); each run's page follows its progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from imports import tasks
from imports.formats import KINDS
from imports.forms import UploadForm
from imports.models import ImportRun, ImportStatus
from people.submissions import submit_once


def _require_importer(request):
    # Out of scope is a 404 here as everywhere (the page's existence is not disclosed).
    if not request.user.has_perm("imports.import_records"):
        raise Http404


def _enqueue(run):
    try:
        tasks.run_import_task.enqueue(run.pk)
    except Exception:  # the immediate backend (tests) runs it here; the failure is recorded
        run.refresh_from_db()
        if run.status != ImportStatus.FAILED:
            raise


@login_required
def import_index(request):
    _require_importer(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        made = []

        def create():
            made.append(
                ImportRun.objects.create(
                    started_by=request.user,
                    file_name=upload.name[:200],
                    content=upload.read(),
                    dry_run=True,
                )
            )
            return made[0]

        run = submit_once(
            user=request.user, token=form.cleaned_data["submission_token"], create=create
        )
        if made:  # a second post of the same form finds the first one's run
            _enqueue(run)
        return redirect("imports:import-detail", pk=run.pk)
    runs = ImportRun.objects.select_related("started_by")[:20]
    return render(
        request, "imports/import_index.html", {"form": form, "runs": runs, "kinds": KINDS}
    )


@login_required
def import_detail(request, pk):
    _require_importer(request)
    run = get_object_or_404(ImportRun.objects.select_related("started_by", "dry_run_of"), pk=pk)
    done, total, phase = tasks.read_progress(run)
    report = run.report or {}
    may_run = (
        run.dry_run
        and run.status == ImportStatus.DONE
        and not report.get("errors")
        and not run.real_runs.exists()
    )
    return render(
        request,
        "imports/import_detail.html",
        {
            "run": run,
            "done": done,
            "total": total,
            "phase": phase,
            "percent": round(100 * done / total) if total else 0,
            "report": report,
            "may_run": may_run,
        },
    )


@login_required
def import_status(request, pk):
    _require_importer(request)
    run = get_object_or_404(ImportRun, pk=pk)
    done, total, phase = tasks.read_progress(run)
    return JsonResponse(
        {"status": run.status, "done": done, "total": total, "phase": phase, "error": run.error}
    )


@login_required
@require_POST
def import_run(request, pk):
    """The real run of a clean dry run: the same file, now saved, once. The
    dry run is locked while its real run is made, so two posts at the same
    moment (a double click) make one real run; the second is told it is done."""
    _require_importer(request)
    with transaction.atomic():
        dry = get_object_or_404(
            ImportRun.objects.select_for_update(), pk=pk, dry_run=True, status=ImportStatus.DONE
        )
        if (dry.report or {}).get("errors") or dry.real_runs.exists():
            messages.error(request, _("This dry run cannot be imported (refused rows, or done)."))
            return redirect("imports:import-detail", pk=dry.pk)
        run = ImportRun.objects.create(
            started_by=request.user,
            file_name=dry.file_name,
            content=dry.content,
            dry_run=False,
            dry_run_of=dry,
        )
    _enqueue(run)
    return redirect("imports:import-detail", pk=run.pk)

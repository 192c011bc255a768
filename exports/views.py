"""Large exports: the button that asks for one (a task), its page following the
task, and the file. An export is its owner's: anyone else gets 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from exports import services, tasks
from exports.forms import ExportForm
from exports.models import Export, ExportStatus, scope_of
from people.submissions import submit_once


def _own_export(request, pk):
    return get_object_or_404(Export.objects.filter(owner=request.user), pk=pk)


@login_required
def export_index(request):
    exports = Export.objects.filter(owner=request.user)[:20]
    return render(
        request,
        "exports/export_index.html",
        {"exports": exports, "keep_hours": settings.EXPORTS_KEEP_HOURS},
    )


@login_required
@require_POST
def export_create(request):
    form = ExportForm(request.POST, user=request.user)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("exports:export-index")
    made = []

    def create():
        made.append(
            services.export_start(
                owner=request.user,
                kind=form.cleaned_data["kind"],
                query=form.cleaned_data["query"],
            )
        )
        return made[0]

    export = submit_once(
        user=request.user, token=form.cleaned_data["submission_token"], create=create
    )
    if made:  # a second post of the same form lands on the first one's export
        try:
            tasks.run_export.enqueue(export.pk)
        except Exception:  # the immediate backend (tests) runs it here; the failure is recorded
            export.refresh_from_db()
            if export.status != ExportStatus.FAILED:
                raise
    return redirect("exports:export-detail", pk=export.pk)


@login_required
def export_detail(request, pk):
    export = _own_export(request, pk)
    done, total = tasks.read_progress(export)
    list_url = services.SOURCES[export.kind][1]
    return render(
        request,
        "exports/export_detail.html",
        {
            "export": export,
            "done": done,
            "total": total,
            "list_url": list_url,
            "query": export.query,
            "keep_hours": settings.EXPORTS_KEEP_HOURS,
        },
    )


@login_required
def export_status(request, pk):
    export = _own_export(request, pk)
    done, total = tasks.read_progress(export)
    return JsonResponse(
        {"status": export.status, "done": done, "total": total, "error": export.error}
    )


@login_required
def export_download(request, pk):
    """The file, to its owner, while what they may read is what it was when they
    asked for it (a file of a school they left is no longer theirs)."""
    export = _own_export(request, pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    if scope_of(request.user) != export.scope:
        raise Http404
    try:
        stream = export.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        stream,
        as_attachment=True,
        filename=export.file_name or "export.csv",
        content_type="text/csv; charset=utf-8",
    )

"""Every read of a student's records is logged, in one place (SPEC section 7;
issue 10, fault 8).

After a page answers 200, ``StudentRecordViewLogMiddleware`` finds the
students whose records it showed and logs one ``StudentRecordView`` per
student, with the page's path:

- the application's record pages, by URL name (``RECORD_PAGES``): the
  referral, its outcome and reason forms, a suspension, its notice and notice
  PDF, the notice of a transfer or an expulsion recommendation and its PDF, an
  intervention, the student's history, a record's void page;
- the admin's change and history pages of any model that has a student (or is
  the student), and its lists of such records: each student on the page.

A page added later that shows a student's records gets an entry in
``RECORD_PAGES``; admin pages need none.
"""

from django.contrib import admin

from discipline import services
from discipline.models import Referral, Suspension
from interventions.models import Intervention
from people.ids import is_id
from people.models import Student

# URL name -> the model whose ``pk`` the URL names.
RECORD_PAGES = {
    "discipline:referral-detail": Referral,
    "discipline:referral-reasons": Referral,
    "discipline:outcome-create": Referral,
    "discipline:suspension-detail": Suspension,
    "discipline:suspension-notice": Suspension,
    "discipline:suspension-notice-pdf": Suspension,
    "discipline:student-history": Student,
    "interventions:intervention-detail": Intervention,
}
ADMIN_OBJECT_PAGES = ("change", "history", "simple_history")


def _student_of(model, pk):
    if model is Student:
        return [pk]
    if not any(f.name == "student" for f in model._meta.get_fields()):
        return []
    return list(model._default_manager.filter(pk=pk).values_list("student_id", flat=True))


def _admin_model(view_name: str):
    """The model of an admin URL name such as admin:discipline_referral_change."""
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if view_name.startswith(prefix):
            return model, view_name[len(prefix) :]
    return None, None


def students_read(request, response) -> list[int]:
    match = request.resolver_match
    if match is None:
        return []
    name, kwargs = match.view_name, match.kwargs
    if name in RECORD_PAGES:
        return _student_of(RECORD_PAGES[name], kwargs["pk"])
    if name == "discipline:record-void":
        from discipline.views import RECORDS

        model = RECORDS.get(kwargs["kind"])
        return _student_of(model, kwargs["pk"]) if model else []
    if name in ("discipline:outcome-notice", "discipline:outcome-notice-pdf"):
        from discipline.views import OTHER_NOTICES

        notice = OTHER_NOTICES.get(kwargs["kind"])
        return _student_of(notice[0], kwargs["pk"]) if notice else []
    if not name.startswith("admin:"):
        return []
    model, page = _admin_model(name)
    if model is None:
        return []
    # simple-history's page of a past version names the object positionally.
    object_id = str(kwargs.get("object_id") or (match.args[0] if match.args else ""))
    if page in ADMIN_OBJECT_PAGES and is_id(object_id):
        return _student_of(model, int(object_id))
    if page == "changelist" and model is not Student:
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        rows = getattr(changelist, "result_list", None) or []
        return [row.student_id for row in rows if getattr(row, "student_id", None)]
    return []


class StudentRecordViewLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 200 and user is not None and user.is_authenticated:
            student_ids = students_read(request, response)
            if student_ids:
                services.student_record_views_log(
                    viewer=user, student_ids=student_ids, page=request.path
                )
        return response

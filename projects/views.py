from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rsi_portal.permissions import require

from . import services
from .forms import ProjectForm
from .models import Project


@require_http_methods(["GET", "POST"])
def project_edit(request, pk: int):
    project = get_object_or_404(Project.objects.select_related("pejlemaerke"), pk=pk)
    require(request.user, "projects.change_project", project)
    form = ProjectForm(request.POST or None, instance=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_update(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Projektet er gemt."))
            return redirect(project)
    return render(request, "projects/project_form.html", {"form": form, "project": project})

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from kernel.http import AuthenticatedHttpRequest

from .models import Channel, Notice, NoticeStatus
from .services import notice_mark_read


@login_required
@require_http_methods(["GET"])
def notice_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    notices = Notice.objects.filter(
        recipient=request.user, channel=Channel.IN_APP, status=NoticeStatus.DELIVERED
    ).order_by("-created_at", "-id")
    page = Paginator(notices, 30).get_page(request.GET.get("page"))
    return render(request, "notices/notice_list.html", {"page": page})


@login_required
@require_http_methods(["POST"])
def notice_read(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    marked = notice_mark_read(user=request.user, notice_id=pk)
    if (
        not marked
        and pk is not None
        and not Notice.objects.filter(pk=pk, recipient=request.user).exists()
    ):
        raise Http404
    return redirect("notices:list")

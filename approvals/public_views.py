"""The public page and feeds of published decisions: no login, nothing but the redacted text."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html
from django.views.decorators.http import require_http_methods

from .models import Publication
from .public.juveniles import juvenile_cases


def _published() -> QuerySet[Publication]:
    """What the public may see: not withdrawn, and never a juvenile's decision, even one
    published before the fact was recorded (legal-spec E-31)."""
    return (
        Publication.objects.filter(withdrawn=False)
        .exclude(decision__case__in=juvenile_cases())
        .only("id", "published_at", "title", "body")
    )


@require_http_methods(["GET"])
def publication_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_published(), 20).get_page(request.GET.get("page"))
    return render(request, "approvals/public_list.html", {"page": page})


@require_http_methods(["GET"])
def publication_detail(request: HttpRequest, pk: int) -> HttpResponse:
    publication = _published().filter(pk=pk).first()
    if publication is None:
        raise Http404
    return render(request, "approvals/public_detail.html", {"publication": publication})


class PublicationFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed
    title = "暂予监外执行决定公开"
    subtitle = "依照《暂予监外执行规定》第十四条上网公开的暂予监外执行决定（已脱敏）"

    def link(self) -> str:
        return reverse("public:list")

    def items(self):  # type: ignore[no-untyped-def]
        return _published()[:50]

    def item_title(self, item: Publication) -> str:
        return item.title

    def item_description(self, item: Publication) -> str:
        """The summary as real HTML (Atom `type="html"`): one escaped paragraph per line of
        the published text, so a reader never runs the lines together."""
        return "".join(
            format_html("<p>{}</p>", line) for line in item.body.splitlines() if line.strip()
        )

    def item_link(self, item: Publication) -> str:
        return reverse("public:detail", args=[item.pk])

    def item_pubdate(self, item: Publication):  # type: ignore[no-untyped-def]
        return item.published_at


@require_http_methods(["GET"])
def publication_json(request: HttpRequest) -> JsonResponse:
    """JSON Feed 1.1."""
    items = [
        {
            "id": str(p.pk),
            "url": request.build_absolute_uri(reverse("public:detail", args=[p.pk])),
            "title": p.title,
            "content_text": p.body,
            "date_published": p.published_at.isoformat(),
        }
        for p in _published()[:50]
    ]
    return JsonResponse(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": PublicationFeed.title,
            "home_page_url": request.build_absolute_uri(reverse("public:list")),
            "items": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )

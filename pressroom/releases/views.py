"""Archive views behind ReleaseIndexPage's sub-routes, and the PDF of a release.

The route methods live on the page models (RoutablePageMixin); they call these
functions so that the models stay a readable form definition.
"""

import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from babel.dates import format_skeleton, get_month_names
from django.core.exceptions import SuspiciousFileOperation
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from taggit.models import Tag

from pressroom.core import derived, system

from .pdf import cached_pdf

ARCHIVE_TEMPLATE = "releases/release_archive.html"


def _language():
    return (translation.get_language() or "en").split("-")[0]


def _capitalize(text):
    return text[:1].upper() + text[1:]


def month_name(month, language=None):
    """The stand-alone month name in ``language``: ``July``, ``Июль``, ``7월``."""
    language = language or _language()
    try:
        names = get_month_names("wide", context="stand-alone", locale=language)
    except Exception:  # an unknown locale must not break a page
        names = get_month_names("wide", context="stand-alone", locale="en")
    return _capitalize(names[month])


def month_title(year, month, language=None):
    """``July 2022`` / ``Июль 2022 г.`` / ``2022년 7월``."""
    language = language or _language()
    try:
        text = format_skeleton("yMMMM", datetime.date(year, month, 1), locale=language)
    except Exception:
        text = format_skeleton("yMMMM", datetime.date(year, month, 1), locale="en")
    return _capitalize(text)


def archive_sidebar(index, request):
    """Years (newest first) with their count and months: what the index sidebar lists.

    Counting every release of a language by month is the dearest query of an index
    or archive page (50 ms at 10,000 releases on PostgreSQL), and it changes only
    when something is published: memoised per site generation (``core.derived``).
    """
    key = f"{index.pk}|{_language()}|{request.get_host()}"
    return derived.memo("archive_sidebar", key, lambda: _archive_sidebar(index, request))


def _archive_sidebar(index, request):
    rows = (
        index.releases()
        .order_by()
        .annotate(year=ExtractYear("release_date"), month=ExtractMonth("release_date"))
        .values("year", "month")
        .annotate(count=Count("pk"))
        .order_by("-year", "-month")
    )
    base = index.get_url(request)
    years = []
    for row in rows:
        if not years or years[-1]["year"] != row["year"]:
            years.append({"year": row["year"], "count": 0, "months": [], "url": base + f"{row['year']}/"})
        year = years[-1]
        year["count"] += row["count"]
        year["months"].append(
            {
                "month": row["month"],
                "name": month_name(row["month"]),
                "count": row["count"],
                "url": base + f"{row['year']}/{row['month']:02d}/",
            }
        )
    return years


# A listing of at most this many releases (a rare tag, an author) is read as its ids first,
# then the page by id. PostgreSQL estimates a tag's share of the releases from the average
# tag and walks the newest-first index hoping to meet a page of them soon: for a tag on one
# release of 100,000 it read all 100,000 (150 ms); ids first, 6 ms. Above it the walk meets
# a page quickly (a tag on 360 of 100,000: 12 ms) and the extra query would cost more.
FEW = 200


def paginate(request, queryset, per_page=None, count_key=None):
    """The requested page of ``queryset``; with ``count_key`` the total is counted once
    per site generation (a COUNT over every release of a language is the dearest query
    of a listing once the sidebar is memoised)."""
    from .models import RELEASES_PER_PAGE

    count = None
    if count_key is not None:
        count = derived.memo("release_count", count_key, queryset.count)
        if count <= FEW:
            queryset = queryset.filter(pk__in=list(queryset.order_by().values_list("pk", flat=True)[: FEW + 1]))
    paginator = Paginator(queryset, per_page or RELEASES_PER_PAGE)
    if count is not None:
        paginator.count = count
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)


def render_archive(index, request, releases, title, **extra):
    """Render one filtered listing; an archive with nothing in it is a 404."""
    page_obj = paginate(request, releases, count_key=f"{index.pk}|{request.path}")
    if not page_obj.paginator.count:
        raise Http404("Empty archive")
    context = {"archive_title": title, "page_obj": page_obj, "releases": page_obj.object_list, **extra}
    return index.render(request, template=ARCHIVE_TEMPLATE, context_overrides=context)


def archive(index, request, year, month=None):
    releases = index.releases().filter(release_date__year=year)
    if month is None:
        title = str(year)
    else:
        if not 1 <= month <= 12:
            raise Http404("No such month")
        releases = releases.filter(release_date__month=month)
        title = month_title(year, month)
    return render_archive(index, request, releases, title, archive_year=year, archive_month=month)


def tag_archive(index, request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    releases = index.releases().filter(tags=tag)
    return render_archive(
        index, request, releases, _("Tag: %(tag)s") % {"tag": tag.name}, archive_tag=tag
    )


def author_archive(index, request, author_id):
    from .models import Author

    author = get_object_or_404(Author, pk=author_id)
    author = author.get_translation_or_none(index.locale) or author
    releases = index.releases().filter(author__translation_key=author.translation_key)
    return render_archive(index, request, releases, author.name, archive_author=author)


# -- PDF ----------------------------------------------------------------------

PDF_UNAVAILABLE = (
    "PDF rendering is not available on this server: WeasyPrint or the Pango "
    "library it needs is missing (see README, section PDF)."
)
PDF_NO_FONT = (
    "PDF rendering of {language} releases is not available on this server: no "
    "installed font covers the {language} script, so the PDF would show empty "
    "boxes. The server's administrator can install one with `{command}` "
    "(see README, section PDF)."
)


def load_weasyprint():
    """WeasyPrint's module, or None when it or Debian's Pango is missing."""
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: libpango not found by cffi
        return None
    return weasyprint


def local_file_for(url):
    """The file behind a /static/ or /media/ URL of this site, else None."""
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        name = unquote(path[len(settings.STATIC_URL):])
        # The app's own file first (STATIC_ROOT may hold an older collectstatic),
        # then the collected copy, whose hashed names only the storage knows.
        try:
            found = finders.find(name)
            if found:
                return Path(found)
            root = Path(staticfiles_storage.path("")).resolve()
            candidate = Path(staticfiles_storage.path(name)).resolve()
        except (NotImplementedError, SuspiciousFileOperation):
            return None
        return candidate if candidate.is_relative_to(root) and candidate.is_file() else None
    if path.startswith(settings.MEDIA_URL):
        root = Path(settings.MEDIA_ROOT).resolve()
        candidate = (root / unquote(path[len(settings.MEDIA_URL):])).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def make_url_fetcher(weasyprint):
    """A fetcher that reads this site's static and media files from disk and
    fetches nothing else: the PDF needs no network, and a release must not make
    the server request arbitrary addresses."""
    from weasyprint.urls import URLFetcher

    class LocalFilesFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            local = local_file_for(url)
            if local is None:
                raise ValueError(f"Not fetched for a PDF: {url}")
            return super().fetch(local.as_uri(), headers)

    return LocalFilesFetcher()


def release_pdf(page, request):
    """The release rendered from its own HTML with the print stylesheet, as a PDF."""
    weasyprint = load_weasyprint()
    if weasyprint is None:
        return HttpResponse(PDF_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
    language = page.locale.language_code
    if not system.has_font_for(language):
        message = PDF_NO_FONT.format(language=language, command=system.font_install_command(language))
        return HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")

    def render():
        html = render_to_string(page.get_template(request), page.get_context(request), request=request)
        document = weasyprint.HTML(
            string=html, base_url=request.build_absolute_uri(page.url), url_fetcher=make_url_fetcher(weasyprint)
        )
        return document.write_pdf()

    # Rendered once per revision, language and site generation (releases/pdf.py).
    data = cached_pdf(page, language, derived.generation(), render)
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{page.slug}.pdf"'
    return response

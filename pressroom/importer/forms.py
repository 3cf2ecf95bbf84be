"""The forms of the admin's "Import release" view (see :mod:`.views`).

Two steps, two forms:

* :class:`SourceForm` takes what the editor has -- pasted text, or a ``.txt``
  or ``.docx`` file -- and parses it with :func:`.parse.parse_release`, the
  parser of ``pressroom import_release``. Bad input is refused in the form
  (``code`` "empty", "binary", "undecodable", "not_docx", "too_large"), so
  the page is shown again with what was pasted. A WordPress export is not
  refused: ``cleaned_data["wordpress"]`` holds it (a :class:`WordPressExport`)
  and the view sends it on to "Import from WordPress".
* :class:`ReviewForm` shows what the parser understood, one field per part,
  for the editor to correct, and turns the corrected fields back into a
  :class:`.parse.ParsedRelease` (:meth:`ReviewForm.to_parsed`) for
  :func:`.services.import_parsed_release`.
"""

from __future__ import annotations

import io
import zipfile

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pressroom.core.datelines import juche_year
from pressroom.core.models import Era
from pressroom.releases.models import Kicker, PressReleasePage

from . import services
from .parse import Contact, NotAReleaseError, ParsedRelease, parse_release
from .parse import _decode as decode_text  # the parser's own decoding: UTF-8/16 with BOM, cp1251

MAX_UPLOAD = 5 * 1024 * 1024  # a release is a few kilobytes; a Word file with pictures, a few megabytes
MAX_WORDPRESS_UPLOAD = 16 * 1024 * 1024  # hundreds of posts with comments, under the admin's 20 MB request limit; the command takes any size
MAX_DOCX_TEXT = 20 * 1024 * 1024  # uncompressed word/document.xml: refuses zip bombs before parsing

# Messages of the parser's NotAReleaseError codes, in the editor's language.
_NOT_A_RELEASE = {
    "empty": _("There is no text to import: paste a release or choose a file."),
    "binary": _("This file is not text (it looks binary). Upload a .txt or .docx file, or paste the text."),
    "undecodable": _(
        "This text could not be read: it is neither UTF-8, UTF-16 nor Windows-1251. "
        "Save it as UTF-8 and try again, or paste it."
    ),
}


def docx_text(data: bytes) -> str:
    """The text of a Word (.docx) file: its paragraphs, one blank line between them.

    A blank line is how the plain-text format separates paragraphs, and in
    Word the title, the signatory's name and position, each body paragraph and
    each contact line are paragraphs of their own; a line break inside a Word
    paragraph stays a line break. Tables, headers and footers are left out.
    Raises ``ValueError`` if ``data`` is not a Word document.
    """
    import docx  # python-docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError) as e:
        raise ValueError("not a .docx file") from e
    if info.file_size > MAX_DOCX_TEXT:
        raise ValueError("the document is too large")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for broken packages
        raise ValueError("not a .docx file") from e
    return "\n\n".join(p.text for p in document.paragraphs if p.text.strip())


def is_wordpress_export(data: bytes) -> bool:
    """Whether ``data`` starts like a WordPress export (WXR): an RSS file in WordPress's namespace."""
    head = data[:4096]
    return b"<rss" in head and b"wordpress.org/export" in head


class WordPressExport(Exception):
    """Raised by :meth:`SourceForm._read_upload` for a WordPress export (not a single release)."""

    def __init__(self, name: str, data: bytes):
        super().__init__(name)
        self.name, self.data = name, data


def read_wordpress_export(upload) -> WordPressExport:
    """The uploaded export, or a ValidationError if it is over the admin's limit."""
    if upload.size > MAX_WORDPRESS_UPLOAD:
        raise forms.ValidationError(
            _(
                "The file is too large (more than %(size)s MB). "
                "Import it on the server with “pressroom import_wordpress”, which takes any size."
            ),
            code="too_large",
            params={"size": MAX_WORDPRESS_UPLOAD // (1024 * 1024)},
        )
    return WordPressExport(upload.name, upload.read())


class WordPressForm(forms.Form):
    """The admin's "Import from WordPress": the export file and the language of its posts."""

    file = forms.FileField(
        label=_("WordPress export"),
        help_text=_("The .xml file of WordPress's Tools → Export (“All content” or “Posts”)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )
    language = forms.ChoiceField(label=_("Language of the posts"), initial="auto")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("auto", _("The export's own language")), *language_choices()]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not is_wordpress_export(upload.read(4096)):
            raise forms.ValidationError(
                _("“%(name)s” is not a WordPress export: choose the .xml file of Tools → Export."),
                code="not_wordpress",
                params={"name": upload.name},
            )
        upload.seek(0)
        return read_wordpress_export(upload)


def language_choices():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


class SourceForm(forms.Form):
    """Step 1: the release as pasted text or a file, and its language."""

    text = forms.CharField(
        label=_("Release text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Paste the whole release: title, signatory, body, dateline and contact block."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_(
            "A .txt file (UTF-8, UTF-16 or Windows-1251) or a Word .docx file; "
            "a WordPress export (.xml) goes on to the WordPress import of all its posts."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.text,.docx,text/plain,.xml"}),
    )
    language = forms.ChoiceField(label=_("Language"), initial="auto")

    def __init__(self, *args, **kwargs):
        # Its own ids: the review form on the same page has a "language" too.
        kwargs.setdefault("auto_id", "source-%s")
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("auto", _("Detect from the text")), *language_choices()]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if upload is not None:
            try:
                text = self._read_upload(upload)
            except WordPressExport as export:
                cleaned["wordpress"] = export
                return cleaned
            # The file's text replaces the text box, so a correction or a second
            # preview starts from what was read.
            self.data = self.data.copy()
            self.data[self.add_prefix("text")] = text
            cleaned["text"] = text
        try:
            cleaned["parsed"] = parse_release(text.encode("utf-8"), locale=cleaned.get("language") or "auto")
        except NotAReleaseError as e:
            raise forms.ValidationError(_NOT_A_RELEASE.get(e.code, _NOT_A_RELEASE["empty"]), code=e.code)
        return cleaned

    def _read_upload(self, upload) -> str:
        head = upload.read(4096)
        upload.seek(0)
        if is_wordpress_export(head):
            # A whole WordPress export: many posts, with comments and old
            # addresses. The view hands it to "Import from WordPress".
            raise read_wordpress_export(upload)
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is too large (more than %(size)s MB)."),
                code="too_large",
                params={"size": MAX_UPLOAD // (1024 * 1024)},
            )
        data = upload.read()
        name = (upload.name or "").lower()
        if name.endswith(".docx") or data.startswith(b"PK\x03\x04"):
            try:
                return docx_text(data)
            except ValueError:
                raise forms.ValidationError(
                    _("“%(name)s” is not a Word document (.docx). Save it again as .docx or as plain text."),
                    code="not_docx",
                    params={"name": upload.name},
                )
        try:
            return decode_text(data)
        except NotAReleaseError as e:
            raise forms.ValidationError(_NOT_A_RELEASE.get(e.code, _NOT_A_RELEASE["empty"]), code=e.code)


class TranslationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, page):
        return f"{page.title} ({page.locale.get_display_name()}, {page.release_date:%Y-%m-%d})"


class ReviewForm(forms.Form):
    """Step 2: what the parser understood, to correct before creating the draft."""

    language = forms.ChoiceField(label=_("Language of the release"))
    translation_of = TranslationChoiceField(
        label=_("Translation of"),
        queryset=PressReleasePage.objects.none(),
        required=False,
        empty_label=_("— none: a new release —"),
        help_text=_("Choose the release in another language that this one translates."),
    )
    kicker = forms.ChoiceField(label=_("Kicker"), choices=Kicker.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    author_name = forms.CharField(label=_("Signatory"), max_length=255, required=False)
    author_position = forms.CharField(label=_("Position"), max_length=255, required=False)
    author_organization = forms.CharField(label=_("Organization"), max_length=255, required=False)
    body = forms.CharField(
        label=_("Body"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("One paragraph block per paragraph; separate paragraphs with a blank line."),
    )
    dateline_place = forms.CharField(label=_("Dateline place"), max_length=100, required=False)
    release_date = forms.DateField(
        label=_("Release date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    era = forms.ChoiceField(label=_("Era of the dateline"), choices=Era.choices)
    postal_code = forms.CharField(label=_("Postal code"), max_length=16, required=False)
    country = forms.CharField(label=_("Country"), max_length=100, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    street = forms.CharField(label=_("Street address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=64, required=False)
    fax = forms.CharField(label=_("Fax"), max_length=64, required=False)
    # Carried along, not shown as fields: the dateline's own language (it picks
    # the organization address the contact block is compared with), the
    # kicker as written, and the pasted text, kept for going back a step.
    dateline_language = forms.CharField(required=False, widget=forms.HiddenInput)
    kicker_as_written = forms.CharField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)

    BYLINE = ("kicker", "title", "author_name", "author_position", "author_organization")
    DATELINE = ("dateline_place", "release_date", "era")
    CONTACT = ("postal_code", "country", "city", "street", "phone", "fax")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices()
        self.fields["translation_of"].queryset = (
            PressReleasePage.objects.filter(alias_of__isnull=True)
            .select_related("locale")
            .order_by("-release_date", "title")
        )

    # Bound fields of each group, for the template's fieldsets.
    @property
    def byline_fields(self):
        return [self[name] for name in self.BYLINE]

    @property
    def dateline_fields(self):
        return [self[name] for name in self.DATELINE]

    @property
    def contact_fields(self):
        return [self[name] for name in self.CONTACT]

    @classmethod
    def initial_from(cls, parsed: ParsedRelease, source_text: str) -> dict:
        """The form's initial data: every field prefilled from the parse."""
        kicker, _warning = services.kicker_for(parsed.kicker)
        date = parsed.release_date or timezone.localdate().isoformat()
        codes = [code for code, _name in language_choices()]
        return {
            "language": parsed.locale if parsed.locale in codes else codes[0],
            "kicker": kicker,
            "kicker_as_written": parsed.kicker or "",
            "title": parsed.title or "",
            "author_name": parsed.author_name or "",
            "author_position": parsed.author_position or "",
            "author_organization": parsed.author_organization or "",
            "body": "\n\n".join(parsed.body),
            "dateline_place": parsed.dateline_place or "",
            "release_date": date,
            "era": parsed.era if parsed.era in Era.values else Era.NONE,
            "dateline_language": parsed.dateline_locale or "",
            "source_text": source_text,
            **{name: getattr(parsed.contact, name) or "" for name in cls.CONTACT},
        }

    def to_parsed(self) -> ParsedRelease:
        """The corrected release, as the parser's dataclass (call after ``is_valid()``)."""
        data = self.cleaned_data
        date = data["release_date"]
        era = data["era"]
        body = [" ".join(p.split()) for p in data["body"].replace("\r\n", "\n").split("\n\n") if p.strip()]
        return ParsedRelease(
            kicker=data["kicker"],
            title=data["title"].strip(),
            author_name=data["author_name"].strip() or None,
            author_position=data["author_position"].strip() or None,
            author_organization=data["author_organization"].strip() or None,
            body=body,
            locale=data["language"],
            dateline_place=data["dateline_place"].strip() or None,
            dateline_locale=data["dateline_language"] or None,
            release_date=date.isoformat(),
            era=era,
            era_year=juche_year(date.year) if era == Era.JUCHE else None,
            contact=Contact(**{name: data[name].strip() or None for name in self.CONTACT}),
        )

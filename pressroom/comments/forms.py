"""The comment form. Its ``clean()`` runs the policy pipeline, so the HTML view
and the JSON API refuse exactly the same things with the same codes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.forms.utils import ErrorDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pressroom.core.middleware import BAD_ENCODING

from . import conf, pipeline
from .utils import mark_spans


class CommentForm(forms.Form):
    # Fields accept anything; the pipeline owns every rule and its error code.
    name = forms.CharField(label=_("Name"), required=False, strip=False)
    email = forms.CharField(
        label=_("E-mail (optional, never shown)"), required=False, strip=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    text = forms.CharField(label=_("Comment"), required=False, strip=False, widget=forms.Textarea(attrs={"rows": 6}))
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by CSS and aria-hidden; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"), required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, page, client_address="", **kwargs):
        self.page = page
        self.client_address = client_address
        self.refusal = None
        self.draft = None
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", pipeline.make_token(page.pk))
        for field in self.fields.values():
            # NUL is the pipeline's to refuse, with its own code and message.
            field.validators = [v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)]
        # The limits the server applies, shown before posting. The text has no
        # maxlength: a browser would cut a long paste without a word; the
        # script counts instead, and the server refuses with the text kept.
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "maxlength": conf.get("NAME_MAX_LENGTH")})
        self.fields["email"].widget.attrs["maxlength"] = 254
        self.fields["text"].widget.attrs.update(
            {"data-max-length": conf.get("MAX_LENGTH"), "aria-describedby": "comment-text-limit"}
        )

    def clean(self):
        data = super().clean()
        draft = pipeline.Draft(
            page=self.page,
            name=data.get("name", ""),
            email=data.get("email", ""),
            text=data.get("text", ""),
            token=data.get("token", ""),
            honeypot=data.get("website", ""),
            client_address=self.client_address,
        )
        refusal = pipeline.check(draft)
        if refusal is not None:
            self.refuse(refusal)
        else:
            self.draft = draft
        return data

    def refuse(self, refusal):
        """Put ``refusal`` on the field it concerns (or the whole form).

        No ``params``: ValidationError would %-format the message with them, and
        the message quotes the reader's own words, which may hold a ``%``.
        """
        self.refusal = refusal
        self.draft = None
        field = refusal.field if refusal.field in ("name", "email", "text") else None
        self.add_error(field, ValidationError(refusal.message, code=refusal.code))
        # Without JavaScript the re-rendered page opens with the cursor in the
        # field concerned (autofocus scrolls the browser there, not to the top of
        # the article), and the field's description is the error: a screen
        # reader reads out both.
        attrs = self.fields[field or "text"].widget.attrs
        described = [f"comment-{field}-error" if field else "comment-form-errors"]
        if attrs.get("aria-describedby"):
            described.append(attrs["aria-describedby"])
        attrs.update({"autofocus": True, "aria-describedby": " ".join(described)})
        if field:
            attrs["aria-invalid"] = "true"

    @property
    def marked_refusal(self):
        """The refused field's text with the refused words in ``<mark>`` (escaped), for
        readers without the script; the script redraws it the same way."""
        if not self.refusal or not self.refusal.spans:
            return ""
        text = pipeline.normalized(self.data.get(self.refusal.field, "")).strip()  # as the spans count
        return mark_spans(text, self.refusal.spans)

    def refuse_unreadable(self, names):
        """Refuse a form whose fields ``names`` were not valid UTF-8 (without running
        the pipeline: nothing is checked or counted for a form that could not be read)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        self.refuse(pipeline.Refusal("bad_encoding", gettext(BAD_ENCODING), "__all__"))
        for name in names:
            if name in ("name", "email", "text"):
                message = _("This field could not be read, so it is empty: please type it again.")
                self.add_error(name, ValidationError(message, code="bad_encoding"))
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def refresh_token(self):
        """A fresh token for the re-rendered form (the reader's text is kept)."""
        data = self.data.copy()
        data["token"] = pipeline.make_token(self.page.pk)
        self.data = data

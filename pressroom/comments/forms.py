"""The comment form. Its ``clean()`` runs the policy pipeline, so the HTML view
and the JSON API refuse exactly the same things with the same codes."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from . import pipeline


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
        self.fields["name"].widget.attrs.update({"autocomplete": "name", "maxlength": 200})

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
            self.refusal = refusal
            raise ValidationError(refusal.message, code=refusal.code, params={"spans": refusal.spans})
        self.draft = draft
        return data

    def refresh_token(self):
        """A fresh token for the re-rendered form (the reader's text is kept)."""
        data = self.data.copy()
        data["token"] = pipeline.make_token(self.page.pk)
        self.data = data

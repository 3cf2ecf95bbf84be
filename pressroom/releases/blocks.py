"""The blocks a release body is written in."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
        label=_("level"),
    )

    class Meta:
        icon = "title"
        template = "releases/blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    attribution = blocks.CharBlock(required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        template = "releases/blocks/quote.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[("ul", _("Bulleted")), ("ol", _("Numbered"))], default="ul", label=_("style")
    )
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"))

    class Meta:
        icon = "list-ul"
        template = "releases/blocks/list.html"


class ImageBlock(blocks.StructBlock):
    """An image from the library, or one left at its original address (imports)."""

    image = ImageChooserBlock(required=False, label=_("image"))
    url = blocks.URLBlock(required=False, label=_("original address"), help_text=_("Used when no image is chosen."))
    alt = blocks.CharBlock(required=False, label=_("alternative text"))
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        template = "releases/blocks/image.html"


class ReleaseBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"], label=_("paragraph"), template="releases/blocks/paragraph.html"
    )
    heading = HeadingBlock(label=_("heading"))
    quote = QuoteBlock(label=_("quote"))
    list = ListBlock(label=_("list"))
    image = ImageBlock(label=_("image"))

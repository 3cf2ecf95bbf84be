"""System checks (``pressroom check``) for comment settings whose values have a fixed set."""

from django.core import checks

from . import conf
from .pipeline import LINK_ACTIONS


@checks.register()
def check_comment_settings(app_configs=None, **kwargs):
    errors = []
    for name in ("LINKS_STRONG", "LINKS_WEAK"):
        if conf.get(name) not in LINK_ACTIONS:
            errors.append(
                checks.Error(
                    f'PRESSROOM_COMMENTS["{name}"] is {conf.get(name)!r}.',
                    hint=f"Use one of {', '.join(LINK_ACTIONS)}.",
                    id="comments.E001",
                )
            )
    share = conf.get("READER_SHARE")
    if not isinstance(share, (int, float)) or not 0 < share <= 1:
        errors.append(
            checks.Error(
                f'PRESSROOM_COMMENTS["READER_SHARE"] is {share!r}.',
                hint="A fraction of a release's limit one reader may use: more than 0, at most 1.",
                id="comments.E002",
            )
        )
    for name in ("RATE_LIMITS", "PAGE_RATE_LIMITS", "REFUSED_LIMITS"):
        try:
            valid = all(int(limit) >= 0 and int(seconds) > 0 for limit, seconds in conf.get(name))
        except (TypeError, ValueError):
            valid = False
        if not valid:
            errors.append(
                checks.Error(
                    f'PRESSROOM_COMMENTS["{name}"] is {conf.get(name)!r}.',
                    hint="A list of (limit, seconds) pairs, e.g. [(5, 60), (30, 3600)].",
                    id="comments.E003",
                )
            )
    return errors

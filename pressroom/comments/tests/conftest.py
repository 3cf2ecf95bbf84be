import time
from unittest import mock

import pytest

from pressroom.comments.pipeline import make_token


@pytest.fixture(autouse=True)
def comment_settings(settings):
    """Tests post at once; the bots check is tested with its own minimum."""
    settings.PRESSROOM_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMITS": [(1000, 60)], "PAGE_RATE_LIMITS": [(1000, 60)]}
    return settings


def old_token(page, seconds=60):
    """A form token as if the form had been rendered ``seconds`` ago."""
    with mock.patch("time.time", return_value=time.time() - seconds):
        return make_token(page.pk)


def form_data(page, **fields):
    data = {"name": "Reader", "email": "", "text": "A thoughtful comment.", "website": "", "token": old_token(page)}
    data.update(fields)
    return data

from pressroom.core.clientaddr import client_address as _client_address


def client_address(request):
    """The reader's address, as django-axes sees it too (``pressroom.core.clientaddr``):
    ``REMOTE_ADDR``, or behind ``PRESSROOM_TRUSTED_PROXIES`` the rightmost
    X-Forwarded-For hop that is not one of them."""
    return _client_address(request)

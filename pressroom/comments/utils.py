from . import conf


def client_address(request):
    """The reader's address: REMOTE_ADDR, or the first X-Forwarded-For hop if trusted."""
    if conf.get("TRUST_X_FORWARDED_FOR"):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")

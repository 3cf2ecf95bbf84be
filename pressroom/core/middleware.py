from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware

# Paths outside i18n_patterns. Django's LocaleMiddleware would turn their 404s
# into redirects to /<lang>/..., which Wagtail's catch-all always "matches".
UNPREFIXED = ("/api/", "/admin/", "/documents/", "/static/", "/healthz")


class LocaleMiddleware(DjangoLocaleMiddleware):
    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED):
            return response
        return super().process_response(request, response)

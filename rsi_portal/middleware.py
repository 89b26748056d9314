from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLanguageMiddleware(LocaleMiddleware):
    """Danish unless the user chose another language in the footer (the language cookie).

    The browser's Accept-Language is ignored on purpose: RSI's working language is Danish,
    and an English-language browser should not silently switch a Danish user's portal.
    """

    def process_request(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

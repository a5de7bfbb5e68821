"""The site's URLs: every page under a language prefix (/zh-hans/, /ru/, /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language

from techbridge.web import urls as web_urls
from techbridge.web.admin_site import backoffice

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
]

urlpatterns += i18n_patterns(
    path("", include((web_urls.site_patterns, "web"))),
    path("accounts/", include((web_urls.account_patterns, "accounts"))),
    path("organisations/", include((web_urls.organisation_patterns, "organisations"))),
    path("backoffice/", backoffice.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

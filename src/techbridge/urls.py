"""The site's URLs: every page under a language prefix (/zh-hans/, /ru/, /en/)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from techbridge.web import urls as web_urls
from techbridge.web.admin_site import backoffice
from techbridge.web.views import home
from techbridge.web.views.catalogue_transfer import transfer_patterns
from techbridge.web.views.language import switch_language

urlpatterns = [
    path("language/", switch_language, name="set_language"),
    path("favicon.ico", home.favicon),
    path("api/", include("techbridge.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include((web_urls.site_patterns, "web"))),
    path("accounts/", include((web_urls.account_patterns, "accounts"))),
    path("organisations/", include((web_urls.organisation_patterns, "organisations"))),
    # Before "catalogue/", whose "<kind>/" pattern would otherwise take "transfer/".
    path("catalogue/transfer/", include((transfer_patterns, "catalogue_transfer"))),
    path("catalogue/", include((web_urls.catalogue_patterns, "catalogue"))),
    path("matching/", include((web_urls.matching_patterns, "matching"))),
    path("events/", include((web_urls.event_patterns, "events"))),
    path("deals/", include((web_urls.deal_patterns, "deals"))),
    path("calls/", include((web_urls.call_patterns, "calls"))),
    path("backoffice/", backoffice.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static as media_patterns

    urlpatterns += media_patterns(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

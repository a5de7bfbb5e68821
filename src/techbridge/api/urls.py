"""The API's URLs, mounted at /api/ outside the language prefixes: version 1 lives under
/api/v1/, its OpenAPI schema at /api/v1/schema/."""

from django.urls import path

from techbridge.api.views import catalogue, mine, taxonomy, tokens
from techbridge.api.views.schema import SchemaView

app_name = "api"

urlpatterns = [
    path("v1/schema/", SchemaView.as_view(), name="schema"),
    path("v1/auth/token/", tokens.TokenView.as_view(), name="token"),
    path(
        "v1/technology-fields/",
        taxonomy.TechnologyFieldListView.as_view(),
        name="technology-fields",
    ),
    path("v1/my/items/", mine.MyItemsView.as_view(), name="my-items"),
    path("v1/offers/", catalogue.OfferListView.as_view(), name="offer-list"),
    path("v1/offers/<str:item_id>/", catalogue.OfferDetailView.as_view(), name="offer-detail"),
    path(
        "v1/offers/<str:item_id>/status/", catalogue.OfferStatusView.as_view(), name="offer-status"
    ),
    path("v1/needs/", catalogue.NeedListView.as_view(), name="need-list"),
    path("v1/needs/<str:item_id>/", catalogue.NeedDetailView.as_view(), name="need-detail"),
    path("v1/needs/<str:item_id>/status/", catalogue.NeedStatusView.as_view(), name="need-status"),
    path("v1/experts/", catalogue.ExpertListView.as_view(), name="expert-list"),
    path("v1/experts/<str:item_id>/", catalogue.ExpertDetailView.as_view(), name="expert-detail"),
    path(
        "v1/experts/<str:item_id>/status/",
        catalogue.ExpertStatusView.as_view(),
        name="expert-status",
    ),
]

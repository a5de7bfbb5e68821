"""API tokens: obtained with the e-mail address and password of the sign-in page (with
the same throttling of failed attempts), revoked by their holder."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from techbridge.accounts.forms import SignInForm
from techbridge.accounts.services import clear_sign_in_failures
from techbridge.api.schema import BAD_REQUEST, UNAUTHENTICATED, UNSUPPORTED_MEDIA_TYPE
from techbridge.api.views.base import ApiView
from techbridge.audit.enums import AuditAction
from techbridge.audit.services import record_action


class TokenCredentialsSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


TOKEN_RESPONSE = inline_serializer("Token", fields={"token": serializers.CharField()})


class TokenView(ApiView):
    """POST: a token for an e-mail address and password. DELETE: revoke the caller's token."""

    permission_classes = [IsAuthenticated]

    def get_authenticators(self) -> list[Any]:
        # Obtaining a token proves identity with the body; a stale token or a browser
        # session in the same request must not interfere.
        if self.request is not None and self.request.method == "POST":
            return []
        return super().get_authenticators()

    def get_permissions(self) -> list[Any]:
        if self.request is not None and self.request.method == "POST":
            return [AllowAny()]
        return super().get_permissions()

    @extend_schema(
        summary="Obtain your API token",
        description=(
            "The e-mail address and password of your account (confirmed address). Repeated "
            "failures slow further attempts down, as on the sign-in page. The same token is "
            "returned until it is revoked."
        ),
        request=TokenCredentialsSerializer,
        responses={200: TOKEN_RESPONSE, 400: BAD_REQUEST, 415: UNSUPPORTED_MEDIA_TYPE},
        auth=[],
        tags=["authentication"],
    )
    def post(self, request: Request) -> Response:
        credentials = TokenCredentialsSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        form = SignInForm(data=credentials.validated_data, request=request._request)
        if not form.is_valid():
            raise ValidationError(
                {
                    (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): list(
                        messages
                    )
                    for field, messages in form.errors.items()
                }
            )
        user = form.user
        token, _created = Token.objects.get_or_create(user=user)
        clear_sign_in_failures(email=user.email)
        record_action(
            actor=user,
            action=AuditAction.SIGN_IN,
            target=user,
            details={"method": "api_token"},
            request=request._request,
        )
        return Response({"token": token.key})

    @extend_schema(
        summary="Revoke your API token",
        description="The token sent with this request stops working at once.",
        request=None,
        responses={204: None, 401: UNAUTHENTICATED},
        tags=["authentication"],
    )
    def delete(self, request: Request) -> Response:
        Token.objects.filter(user=request.user).delete()
        record_action(
            actor=request.user,
            action=AuditAction.SIGN_OUT,
            target=request.user,
            details={"method": "api_token"},
            request=request._request,
        )
        return Response(status=status.HTTP_204_NO_CONTENT)

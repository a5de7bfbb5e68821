"""Expressions of interest: contacts stay hidden until the owner accepts."""

import pytest
from django.core import mail

from techbridge.catalogue.enums import InterestStatus
from techbridge.catalogue.models import ExpressionOfInterest
from tests.accounts.factories import UserFactory
from tests.catalogue.factories import OfferFactory

pytestmark = pytest.mark.django_db


def _interest_form(user):
    return {
        "organisation": user.memberships.get().organisation.pk,
        "cooperation_form": "licence",
        "message": "我们是鹰潭的铜加工企业，希望获得该合金的生产许可。",
    }


def test_seeker_expresses_interest_and_owner_and_organisers_are_told(
    client, seeker, organiser, django_capture_on_commit_callbacks
):
    offer = OfferFactory()
    client.force_login(seeker)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/zh-hans/catalogue/items/{offer.pk}/interest/", _interest_form(seeker)
        )
    assert response.status_code == 302
    interest = ExpressionOfInterest.objects.get()
    assert (interest.status, interest.message_language) == (InterestStatus.SENT, "zh")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [offer.owner.email, organiser.email]
    )
    assert (
        offer.owner.email
        not in client.get(f"/zh-hans/catalogue/items/{offer.pk}/").content.decode()
    )


def test_accepting_shares_contacts_both_ways(client, seeker):
    offer = OfferFactory()
    client.force_login(seeker)
    client.post(f"/en/catalogue/items/{offer.pk}/interest/", _interest_form(seeker))
    interest = ExpressionOfInterest.objects.get()

    client.force_login(offer.owner)
    assert seeker.email not in client.get("/en/catalogue/interests/").content.decode()
    client.post(f"/en/catalogue/interests/{interest.pk}/answer/", {"accept": "1"})
    interest.refresh_from_db()
    assert interest.status == InterestStatus.ACCEPTED
    assert seeker.email in client.get("/en/catalogue/interests/").content.decode()

    client.force_login(seeker)
    assert offer.owner.email in client.get(f"/en/catalogue/items/{offer.pk}/").content.decode()


def test_declining_keeps_contacts_hidden(client, seeker):
    offer = OfferFactory()
    client.force_login(seeker)
    client.post(f"/en/catalogue/items/{offer.pk}/interest/", _interest_form(seeker))
    interest = ExpressionOfInterest.objects.get()
    client.force_login(offer.owner)
    client.post(f"/en/catalogue/interests/{interest.pk}/answer/", {"accept": "0"})
    client.force_login(seeker)
    assert offer.owner.email not in client.get(f"/en/catalogue/items/{offer.pk}/").content.decode()


@pytest.mark.parametrize("who", ["anonymous", "sender", "stranger"])
def test_only_the_owner_or_organisers_answer(client, seeker, who):
    offer = OfferFactory()
    client.force_login(seeker)
    client.post(f"/en/catalogue/items/{offer.pk}/interest/", _interest_form(seeker))
    interest = ExpressionOfInterest.objects.get()
    client.logout()
    if who == "sender":
        client.force_login(seeker)
    elif who == "stranger":
        client.force_login(UserFactory())
    client.post(f"/en/catalogue/interests/{interest.pk}/answer/", {"accept": "1"})
    interest.refresh_from_db()
    assert interest.status == InterestStatus.SENT


def test_people_without_a_verified_organisation_cannot_express_interest(client):
    offer = OfferFactory()
    client.force_login(UserFactory())
    response = client.post(
        f"/en/catalogue/items/{offer.pk}/interest/",
        {"message": "hello", "cooperation_form": "licence"},
    )
    assert response.status_code == 403
    assert ExpressionOfInterest.objects.count() == 0


def test_a_second_interest_is_refused_with_a_message(client, seeker):
    offer = OfferFactory()
    client.force_login(seeker)
    client.post(f"/en/catalogue/items/{offer.pk}/interest/", _interest_form(seeker))
    response = client.get(f"/en/catalogue/items/{offer.pk}/interest/")
    assert response.status_code == 200
    response = client.post(f"/en/catalogue/items/{offer.pk}/interest/", _interest_form(seeker))
    assert "You have already expressed interest in this item." in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 1

"""E-mails to the Provinces' referents: reminders to finish the questionnaire, invitations to set a password.

The referents of a Province are the users of its group "Referente mappatura – Provincia di X" (UPI adds
them). Both the dashboard's action and the management commands use these functions. The messages are in
Italian, the referents' language, whatever language the sender's admin speaks.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .choices import ResponseState
from .dashboard import invited_provinces
from .models import MappingPage, Response
from .roles import REFERENT_ROLE


def site_url(path=""):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def questionnaire_url():
    """The referents' questionnaire on the public site (Italian), or the home page if it is missing."""
    page = MappingPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE).first()
    return site_url(urlsplit(page.questionnaire_url).path if page else "/")


def pending_provinces(campaign):
    """The invited Provinces whose response is not submitted (not started, in progress or reopened)."""
    submitted = set(
        Response.objects.filter(campaign=campaign, state=ResponseState.SUBMITTED).values_list(
            "province_id", flat=True
        )
    )
    return [province for province in invited_provinces(campaign) if province.pk not in submitted]


def referents(provinces):
    """(user, Province) pairs: the active referents with an e-mail address of ``provinces``."""
    by_id = {province.pk: province for province in provinces}
    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__province_role__role=REFERENT_ROLE,
            groups__province_role__province__in=list(by_id),
        )
        .exclude(email="")
    )
    pairs = users.values_list("pk", "groups__province_role__province_id").distinct()
    users_by_id = get_user_model().objects.in_bulk({pk for pk, _province in pairs})
    return sorted(
        ((users_by_id[pk], by_id[province_id]) for pk, province_id in pairs),
        key=lambda pair: (pair[1].name, pair[0].get_username()),
    )


def _send(messages):
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def _message(template, context, to):
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string(f"mapping/admin/email/{template}_subject.txt", context).split())
        body = render_to_string(f"mapping/admin/email/{template}.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_reminders(campaign):
    """E-mail every referent of an invited Province that has not submitted; returns (messages, Provinces)."""
    pending = pending_provinces(campaign)
    pairs = referents(pending)
    messages = [
        _message(
            "reminder",
            {"user": user, "province": province, "campaign": campaign, "site_url": questionnaire_url()},
            user.email,
        )
        for user, province in pairs
    ]
    return _send(messages), len({province.pk for _user, province in pairs})


def password_set_url(user):
    """A single-use link to set ``user``'s password; it expires after ``PASSWORD_RESET_TIMEOUT`` seconds.

    Django's token mixes the password hash and the last login into its signature: once the password is
    set (or the user logs in), the link stops working.
    """
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("mapping_password_set", kwargs={"uidb64": uidb64, "token": token})
    return site_url(path)


def send_invitations(campaign, only_without_password=False):
    """Invite the referents of the campaign's Provinces to set their password; returns the messages sent."""
    pairs = referents(invited_provinces(campaign))
    if only_without_password:
        pairs = [(user, province) for user, province in pairs if not user.has_usable_password()]
    # One link per person, even for a referent of two Provinces.
    seen, unique = set(), []
    for user, province in pairs:
        if user.pk not in seen:
            seen.add(user.pk)
            unique.append((user, province))
    days = max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
    messages = [
        _message(
            "invitation",
            {
                "user": user,
                "province": province,
                "campaign": campaign,
                "days": days,
                "link": password_set_url(user),
                "site_url": questionnaire_url(),
            },
            user.email,
        )
        for user, province in unique
    ]
    return _send(messages)

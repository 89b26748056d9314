"""The rhythm's e-mails: absolute links into the portal and a message from a text and an HTML template."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def templated_mail(to: str, subject: str, template: str, context: dict) -> EmailMultiAlternatives:
    """email/<template>.txt as the text, email/<template>.html as its HTML alternative."""
    text = render_to_string(f"email/{template}.txt", context)
    html = render_to_string(f"email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    return message

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text, term):
    # ruleid: patterns.python.django-mark-safe-non-literal
    return mark_safe(text.replace(term, f"<mark>{term}</mark>"))


@register.simple_tag
def user_badge(user):
    html = '<span class="badge">' + user.display_name + "</span>"
    # ruleid: patterns.python.django-mark-safe-non-literal
    return mark_safe(html)


def comment_html(comment):
    # ruleid: patterns.python.django-mark-safe-non-literal
    return SafeString(f"<p>{comment.body}</p>")


@register.simple_tag
def user_badge_safe(user):
    # ok: patterns.python.django-mark-safe-non-literal
    return format_html('<span class="badge">{}</span>', user.display_name)


@register.simple_tag
def divider():
    # ok: patterns.python.django-mark-safe-non-literal
    return mark_safe('<hr class="divider">')


@register.simple_tag
def order_summary(order):
    # ok: patterns.python.django-mark-safe-non-literal
    return mark_safe(render_to_string("orders/summary.html", {"order": order}))


@register.simple_tag
def user_link(user):
    # ok: patterns.python.django-mark-safe-non-literal
    return mark_safe(escape(user.get_full_name()))

import jwt
from django.conf import settings

ALGORITHMS = ["RS256"]


def current_user_id(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ruleid: patterns.python.jwt-decode-without-verification
    claims = jwt.decode(token, options={"verify_signature": False})
    return claims["sub"]


def tenant_of(token):
    options = {"verify_signature": False, "verify_exp": False}
    # ruleid: patterns.python.jwt-decode-without-verification
    return jwt.decode(token, options=options, algorithms=ALGORITHMS)["tenant"]


def legacy_claims(token):
    # ruleid: patterns.python.jwt-decode-without-verification
    return jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=["RS256", "none"])


def current_user_id_verified(request):
    token = request.headers["Authorization"].removeprefix("Bearer ")
    # ok: patterns.python.jwt-decode-without-verification
    claims = jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=ALGORITHMS, audience="api")
    return claims["sub"]


def key_id(token):
    # ok: patterns.python.jwt-decode-without-verification
    return jwt.get_unverified_header(token).get("kid")


def claims_ignoring_expiry(token):
    # ok: patterns.python.jwt-decode-without-verification
    return jwt.decode(token, settings.JWT_PUBLIC_KEY, algorithms=ALGORITHMS, options={"verify_exp": False})

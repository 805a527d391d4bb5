from django.db.models.expressions import RawSQL
from django.http import JsonResponse

from .models import Article, Person


def people_by_name(request):
    last_name = request.GET.get("last_name", "")
    # ruleid: patterns.python.django-raw-sql-built-query
    people = Person.objects.raw(f"SELECT * FROM myapp_person WHERE last_name = '{last_name}'")
    return JsonResponse({"ids": [p.id for p in people]})


def recent_articles(request):
    author = request.GET["author"]
    # ruleid: patterns.python.django-raw-sql-built-query
    qs = Article.objects.extra(where=["author_id = %s" % author])
    return JsonResponse({"count": qs.count()})


def ranked_articles(request):
    weight = request.GET.get("weight", "1")
    # ruleid: patterns.python.django-raw-sql-built-query
    return Article.objects.annotate(score=RawSQL("views * " + weight, ()))


def people_by_name_safe(request):
    last_name = request.GET.get("last_name", "")
    # ok: patterns.python.django-raw-sql-built-query
    people = Person.objects.raw("SELECT * FROM myapp_person WHERE last_name = %s", [last_name])
    return JsonResponse({"ids": [p.id for p in people]})


def recent_articles_safe(request):
    # ok: patterns.python.django-raw-sql-built-query
    qs = Article.objects.extra(where=["author_id = %s"], params=[request.GET["author"]])
    return JsonResponse({"count": qs.count()})

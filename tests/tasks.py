"""A background task for the tests: small, with an effect the tests can see."""

from django_tasks import task

from accounts.models import User


@task()
def rename(pk, name):
    User.objects.filter(pk=pk).update(first_name=name)
    return name

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aigc_copyright.settings")

app = Celery("aigc_copyright")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

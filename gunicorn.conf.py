"""gunicorn settings for production (read from the working directory by default; the Dockerfile,
docker-compose.yml and the HTTP benchmark all use it).

Synchronous workers, two per core: measured under load (bench/http.py) they hold a lower p99 than
threaded workers, whose threads contend for the interpreter lock.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", max(2, multiprocessing.cpu_count() * 2)))
worker_class = "sync"
# Import the project once before forking: workers start warm and share its memory.
preload_app = True
timeout = 60
graceful_timeout = 30
# Workers are recycled after a number of requests (with jitter, so they do not all restart at
# once): memory a worker grew to under a large request is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 100))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

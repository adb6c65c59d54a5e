"""The pages' one handler of the application's errors: the error's status and message on a page
of the site, in the reader's language; other exceptions are left to Django."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from aigc_copyright.middleware import ApplicationErrorMiddleware
from assessments.creation_logs import CreationLogError
from assessments.services import NothingToAssess


@pytest.fixture
def middleware():
    return ApplicationErrorMiddleware(lambda request: None)


def _request(user):
    request = RequestFactory().get("/assessments/1/")
    request.user = user
    return request


@pytest.mark.django_db
def test_an_application_error_is_a_page_with_its_status_and_message(middleware, django_user_model):
    user = django_user_model.objects.create_user("amy", password="pw-long-enough-1")
    response = middleware.process_exception(
        _request(user), CreationLogError("file_too_large", "The file is over the limit.")
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file is over the limit." in html
    assert "This could not be done" in html


@pytest.mark.django_db
def test_the_page_speaks_the_readers_language(middleware, django_user_model):
    user = django_user_model.objects.create_user("bo", password="pw-long-enough-1")
    with translation.override("zh-hans"):
        response = middleware.process_exception(_request(user), NothingToAssess("无从评估。"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "此操作无法完成" in html and "返回我的评估" in html


def test_other_exceptions_are_left_to_django(middleware):
    assert middleware.process_exception(RequestFactory().get("/"), KeyError("x")) is None


def test_the_submit_refusal_is_said_beside_the_form_in_chinese(client, django_user_model, db):
    from assessments.models import Assessment

    user = django_user_model.objects.create_user("cy", password="pw-long-enough-1")
    client.force_login(user)
    assessment = Assessment.objects.create(owner=user, title="Work")
    response = client.post(
        f"/assessments/{assessment.pk}/",
        {"action": "submit"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 400
    assert "提交前请至少附上一份创作记录" in response.content.decode()

from rest_framework.routers import DefaultRouter

from .views import CaseViewSet, FactorViewSet, ProtectedWorkViewSet

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("cases", CaseViewSet, basename="case")
router.register("factors", FactorViewSet, basename="factor")
router.register("protected-works", ProtectedWorkViewSet, basename="protectedwork")

urlpatterns = router.urls

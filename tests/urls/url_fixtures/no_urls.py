"""A module without urlpatterns."""

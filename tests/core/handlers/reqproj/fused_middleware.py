"""Hook-only middleware (fused by the chain builder) and twins that opt out of fusing."""

from nuages.core.exceptions import PermissionDenied
from nuages.http import HttpResponse
from nuages.utils.deprecation import MiddlewareMixin, nonblocking_hook

log = []
# name -> what its hooks do: "short" (process_request answers), "raise-request",
# "raise-response", "falsy" (process_request returns "", which does not stop the chain).
plan = {}


class _Recorder(MiddlewareMixin):
    name = "?"

    def process_request(self, request):
        log.append(f"{self.name} request")
        action = plan.get(self.name)
        if action == "short":
            return HttpResponse(f"short {self.name}")
        if action == "raise-request":
            raise PermissionDenied(self.name)
        if action == "falsy":
            return ""
        return None

    def process_response(self, request, response):
        log.append(f"{self.name} response {response.status_code}")
        if plan.get(self.name) == "raise-response":
            raise PermissionDenied(self.name)
        response.headers[f"X-{self.name}"] = str(response.status_code)
        return response


class A(_Recorder):
    name = "A"
    process_request = nonblocking_hook(_Recorder.process_request)
    process_response = nonblocking_hook(_Recorder.process_response)


class B(_Recorder):
    name = "B"  # hooks not marked: they run in a thread under ASGI


class C(_Recorder):
    name = "C"
    process_request = nonblocking_hook(_Recorder.process_request)
    process_response = nonblocking_hook(_Recorder.process_response)


class OnlyResponse(MiddlewareMixin):
    @nonblocking_hook
    def process_response(self, request, response):
        log.append("only response")
        return response


def _nested(cls):
    # Defining __call__ opts a MiddlewareMixin subclass out of fusing.
    def __call__(self, request):
        return cls.__call__(self, request)

    return type(f"Nested{cls.__name__}", (cls,), {"__call__": __call__})


NestedA = _nested(A)
NestedB = _nested(B)
NestedC = _nested(C)
NestedOnlyResponse = _nested(OnlyResponse)

"""Hearth's Python runtime: the AWS Lambda Runtime API loop for handlers `module.function`.

Runs inside the sandbox with /usr/bin/python3. Imports the handler from the portion's folder,
then asks for events on one keep-alive connection (to the agent's Unix socket where the sandbox
names it in HEARTH_RUNTIME_API_SOCKET, else to AWS_LAMBDA_RUNTIME_API), calls handler(event,
context) and posts the JSON result, or an error document when the handler raises. In a trusted
portion, the invocation's credential is in HEARTH_CREDENTIAL while the handler runs. The entry
portion calls another portion with context.invoke_portion(name, event). Where the sandbox sets
HEARTH_EGRESS_RELAY (port:socket), this process relays that port on 127.0.0.1 to the agent's
egress proxy socket itself, on threads of its own (egress_relay.py).
"""
import importlib
import json
import os
import socket
import sys
import time
import traceback

import egress_relay

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
PREFIX = "/2018-06-01/runtime"
PORTIONS = "/2018-06-01/hearth/portions"
CREDENTIAL_FILE = os.environ.get("HEARTH_CREDENTIAL_FILE")
# The sandbox's containers reach the agent's Runtime API socket itself: the relay to it on
# AWS_LAMBDA_RUNTIME_API (for other runtimes and the function's own code) is two hops more.
SOCKET = os.environ.get("HEARTH_RUNTIME_API_SOCKET")
MAX_LINE = 65536


class PortionError(Exception):
    """Another portion failed; `status` is the agent's HTTP status, `document` its error document."""

    def __init__(self, status, document):
        super().__init__(document.get("errorMessage", "portion failed") if isinstance(document, dict) else document)
        self.status = status
        self.document = document


class Response:
    """The status and headers (by lower-case name) of one Runtime API answer."""

    def __init__(self, status, headers):
        self.status = status
        self.headers = headers

    def getheader(self, name, default=None):
        return self.headers.get(name.lower(), default)


class RuntimeApi:
    """One keep-alive HTTP/1.1 connection to the Runtime API. A request leaves in one write, head
    and body together; the agent gives every answer a Content-Length."""

    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.sock = None
        self.reader = None

    def _connect(self):
        if SOCKET:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(SOCKET)
        else:
            sock = socket.create_connection((self.host, self.port))
            # Every TCP hop needs TCP_NODELAY, or small requests wait for delayed ACKs.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock, self.reader = sock, sock.makefile("rb")

    def _close(self):
        if self.sock is not None:
            self.reader.close()
            self.sock.close()
        self.sock = self.reader = None

    def _exchange(self, method, target, body, headers):
        head = ["%s %s HTTP/1.1" % (method, target), "Host: %s:%d" % (self.host, self.port)]
        head.extend("%s: %s" % item for item in headers.items())
        if body is not None:
            head.append("Content-Length: %d" % len(body))
        self.sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + (body or b""))
        status = self.reader.readline(MAX_LINE).split(None, 2)
        if len(status) < 2 or not status[0].startswith(b"HTTP/1.") or not status[1].isdigit():
            raise ConnectionError("the Runtime API's answer is not HTTP/1.x")
        fields = {}
        while True:
            line = self.reader.readline(MAX_LINE)
            if not line.endswith(b"\n"):
                raise ConnectionError("the Runtime API closed the connection mid-answer")
            if not line.strip():
                break
            name, _, value = line.decode("latin-1").partition(":")
            fields[name.strip().lower()] = value.strip()
        length = fields.get("content-length", "0")
        if not length.isdigit():
            raise ConnectionError("the Runtime API's answer has no valid Content-Length")
        data = self.reader.read(int(length))
        if len(data) != int(length):
            raise ConnectionError("the Runtime API closed the connection mid-answer")
        if fields.get("connection", "").lower() == "close":
            self._close()
        return Response(int(status[1]), fields), data

    def call(self, method, path, body=None, headers=None, prefix=PREFIX):
        for attempt in range(3):
            try:
                if self.sock is None:
                    self._connect()
                return self._exchange(method, prefix + path, body, headers or {})
            except OSError:  # ConnectionError included
                self._close()
                if attempt == 2:
                    raise
                time.sleep(0.01)


class Context:
    def __init__(self, request_id, deadline_ms, arn):
        self.aws_request_id = request_id
        self.invoked_function_arn = arn
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "")
        self._deadline_ms = deadline_ms
        self._portions = None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))

    def invoke_portion(self, name, event):
        """Runs portion `name` of this function on `event`; its result, or PortionError."""
        if self._portions is None:
            self._portions = RuntimeApi(API)
        response, body = self._portions.call("POST", "/%s/invoke" % name, json.dumps(event).encode(),
                                             {"Content-Type": "application/json"}, prefix=PORTIONS)
        document = json.loads(body) if body else None
        if response.status != 200:
            raise PortionError(response.status, document)
        return document


def error_document(error):
    return json.dumps({
        "errorMessage": str(error),
        "errorType": type(error).__name__,
        "stackTrace": traceback.format_exception(type(error), error, error.__traceback__),
    }).encode()


def load_handler(spec):
    module_name, _, function_name = spec.rpartition(".")
    if not module_name:
        raise ValueError("handler '%s' is not module.function" % spec)
    root = os.environ.get("HEARTH_PORTION_ROOT", os.getcwd())
    sys.path.insert(0, root)
    handler = getattr(importlib.import_module(module_name), function_name)
    if not callable(handler):
        raise TypeError("handler '%s' is not callable" % spec)
    return handler


def credential_for_this_invocation():
    """The trusted portion's credential is replaced per invocation: read it anew each time."""
    if not CREDENTIAL_FILE:
        return
    try:
        with open(CREDENTIAL_FILE) as f:
            os.environ["HEARTH_CREDENTIAL"] = f.read()
    except FileNotFoundError:
        os.environ.pop("HEARTH_CREDENTIAL", None)


def flush():
    sys.stdout.flush()
    sys.stderr.flush()


def relay_egress():
    """Relays the egress port to the agent's proxy socket on threads of this process where the
    sandbox asks for it: the container's processes reach the proxy on 127.0.0.1 (HTTP_PROXY)."""
    relay = os.environ.pop("HEARTH_EGRESS_RELAY", None)
    if relay:
        egress_relay.start(relay)


def main(api=None):
    api = api or RuntimeApi(API)
    try:
        handler = load_handler(os.environ["_HANDLER"])
    except Exception as error:  # the user's module failed to import
        traceback.print_exc()
        flush()
        api.call("POST", "/init/error", error_document(error),
                 {"Lambda-Runtime-Function-Error-Type": "Runtime.ImportModuleError"})
        sys.exit(1)
    while True:
        response, body = api.call("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        context = Context(request_id, int(response.getheader("Lambda-Runtime-Deadline-Ms", "0")),
                          response.getheader("Lambda-Runtime-Invoked-Function-Arn", ""))
        credential_for_this_invocation()
        try:
            event = json.loads(body) if body else None
            result = json.dumps(handler(event, context)).encode()
            path, headers = "/invocation/%s/response" % request_id, {}
        except Exception as error:
            traceback.print_exc()
            result = error_document(error)
            path = "/invocation/%s/error" % request_id
            headers = {"Lambda-Runtime-Function-Error-Type": "Unhandled"}
        os.environ.pop("HEARTH_CREDENTIAL", None)
        flush()
        api.call("POST", path, result, headers)


if __name__ == "__main__":
    relay_egress()
    main()

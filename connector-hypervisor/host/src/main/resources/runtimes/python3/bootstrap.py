"""Hearth's Python runtime: the AWS Lambda Runtime API loop for handlers `module.function`.

Runs inside the sandbox with /usr/bin/python3. Imports the handler from the portion's folder,
then asks for events on one keep-alive connection, calls handler(event, context) and posts the
JSON result, or an error document when the handler raises.
"""
import http.client
import importlib
import json
import os
import socket
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
PREFIX = "/2018-06-01/runtime"


class RuntimeApi:
    def __init__(self, address):
        host, port = address.rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.conn = None

    def _connect(self):
        conn = http.client.HTTPConnection(self.host, self.port)
        conn.connect()
        # Every hop needs TCP_NODELAY, or small requests wait for delayed ACKs.
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return conn

    def call(self, method, path, body=None, headers=None):
        for attempt in range(3):
            try:
                if self.conn is None:
                    self.conn = self._connect()
                self.conn.request(method, PREFIX + path, body=body, headers=headers or {})
                response = self.conn.getresponse()
                return response, response.read()
            except (ConnectionError, http.client.HTTPException, OSError):
                if self.conn is not None:
                    self.conn.close()
                self.conn = None
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

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


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


def flush():
    sys.stdout.flush()
    sys.stderr.flush()


def main():
    api = RuntimeApi(API)
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
        try:
            event = json.loads(body) if body else None
            result = json.dumps(handler(event, context)).encode()
            path, headers = "/invocation/%s/response" % request_id, {}
        except Exception as error:
            traceback.print_exc()
            result = error_document(error)
            path = "/invocation/%s/error" % request_id
            headers = {"Lambda-Runtime-Function-Error-Type": "Unhandled"}
        flush()
        api.call("POST", path, result, headers)


if __name__ == "__main__":
    main()

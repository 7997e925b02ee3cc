"""The trusted portion: calls Hearth's auxiliary services with the invocation's credential.

The credential is in HEARTH_CREDENTIAL (and the file HEARTH_CREDENTIAL_FILE) for this invocation
only; HEARTH_AUX_URL is the auxiliary services' address, which the agent routes for trusted
portions alone. The vault keeps the last question in the owner's key-value store and attaches a
log line to the invocation's activation.
"""
import json
import os
import urllib.request


def call(method, path, body):
    request = urllib.request.Request(
        os.environ["HEARTH_AUX_URL"] + path,
        data=json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + os.environ["HEARTH_CREDENTIAL"],
                 "Content-Type": "application/json"},
        method=method)
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.status


def handler(event, context):
    question = event.get("question")
    stored = call("PUT", "/kv/last-question", {"question": question})
    logged = call("POST", "/invocations/" + context.aws_request_id + "/logs",
                  {"lines": [{"level": "info", "message": "vault kept the question",
                              "fields": {"question": question}}]})
    print("split-python vault: key-value store answered", stored, "and log sink", logged)
    return {"kept": stored in (200, 201, 204), "logged": logged == 204}

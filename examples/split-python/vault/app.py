"""The trusted portion: calls the auxiliary endpoint AUX_URL with the invocation's credential.

The credential is in HEARTH_CREDENTIAL for this invocation only. The request leaves the
container through the agent's egress proxy (HTTP_PROXY), which lets it reach only the
host:port pairs of the function's egress allow-list.
"""
import json
import os
import urllib.request


def handler(event, context):
    request = urllib.request.Request(
        os.environ["AUX_URL"],
        data=json.dumps({"question": event.get("question")}).encode(),
        headers={"Authorization": "Bearer " + os.environ["HEARTH_CREDENTIAL"],
                 "Content-Type": "application/json"},
        method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        print("split-python vault: the auxiliary endpoint answered", response.status)
        return json.load(response)

"""The untrusted entry portion: takes the caller's question and asks the trusted portion.

It holds no credential and has no network: it tries the auxiliary services itself, to show that
it cannot, and then reaches them the only way it may, through context.invoke_portion, which the
agent delivers to the trusted portion of the same invocation.
"""
import os
import urllib.request


def reaches_auxiliary_services():
    try:
        urllib.request.urlopen("http://aux.hearth.internal/kv/last-question", timeout=2)
        return True
    except OSError:
        return False


def handler(event, context):
    question = (event or {}).get("question") or "What is the answer?"
    print("split-python front: asking the vault")
    answer = context.invoke_portion("vault", {"question": question})
    return {
        "question": question,
        "vault": answer,
        "frontHoldsCredential": any(k.startswith("HEARTH_CREDENTIAL") for k in os.environ),
        "frontReachesAuxiliaryServices": reaches_auxiliary_services(),
    }

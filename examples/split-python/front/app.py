"""The untrusted entry portion: takes the caller's question and asks the trusted portion.

It holds no credential and has no network; the only way it reaches anything outside itself is
context.invoke_portion, which the agent delivers to the trusted portion of the same function.
"""
import os


def handler(event, context):
    question = (event or {}).get("question") or "What is the answer?"
    print("split-python front: asking the vault")
    answer = context.invoke_portion("vault", {"question": question})
    return {"question": question, "answer": answer, "frontHoldsCredential": "HEARTH_CREDENTIAL" in os.environ}

def handler(event, context):
    name = (event or {}).get("name") or "world"
    print(f"hello-python: greeting {name}")
    return {"message": f"Hello, {name}!"}

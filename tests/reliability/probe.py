"""Run requests through the whole Django stack in a process of its own (its own settings and database):
    python -m tests.reliability.probe '[{"method": "get", "path": "/health/", "cookie": "…", "login": "…"}]'
prints one JSON object per request: status, Retry-After, Content-Type and the body."""

import hashlib
import json
import sys

import django


def main(specs: list[dict]) -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    results = []
    for spec in specs:
        client = Client(raise_request_exception=False)
        if spec.get("cookie"):
            client.cookies["sessionid"] = spec["cookie"]
        if spec.get("login"):
            client.force_login(get_user_model().objects.get(username=spec["login"]))
        response = getattr(client, spec.get("method", "get"))(spec["path"], spec.get("data") or {})
        content = b"".join(response.streaming_content) if response.streaming else response.content
        results.append(
            {
                "status": response.status_code,
                "retry_after": response.get("Retry-After"),
                "content_type": response.get("Content-Type"),
                "body": content.decode(errors="replace"),
                "sha256": hashlib.sha256(content).hexdigest(),
            }
        )
    print(json.dumps(results))


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))

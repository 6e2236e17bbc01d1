"""An app's tests against `conform mock`: assert what the app sent (the journal), script the
model's answer (a stub), and make the app meet a rate limit and an outage (faults).

    pip install pytest openai httpx
    CONFORM=/path/to/conform pytest examples/pytest
"""

import json
import os
import re
import subprocess

import httpx
import openai
import pytest

CONFORM = os.environ.get("CONFORM", "conform")


# The app under test: asks a model which tool to call for a question about the weather.
def weather_tool_call(client: openai.OpenAI, city: str) -> dict:
    reply = client.chat.completions.create(
        model="gpt-4o",  # a production model name: --any-model serves it with the mock's chat model
        messages=[{"role": "user", "content": f"What is the weather in {city}?"}],
        tools=[{"type": "function", "function": {"name": "get_weather", "parameters": {
            "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
    )
    call = reply.choices[0].message.tool_calls[0]
    return {"name": call.function.name, "arguments": json.loads(call.function.arguments)}


@pytest.fixture(scope="session")
def mock_url():
    mock = subprocess.Popen([CONFORM, "mock", "--port", "0", "--admin", "--any-model"], stdout=subprocess.PIPE, text=True)
    for line in mock.stdout:  # the last line of the start-up banner names the address
        if found := re.match(r"conform mock listening on (\S+)", line):
            break
    else:
        pytest.fail("conform mock did not start")
    yield found.group(1)
    mock.terminate()
    mock.wait()


@pytest.fixture
def admin(mock_url):
    with httpx.Client(base_url=f"{mock_url}/__conform") as admin:
        admin.post("/reset").raise_for_status()  # each test starts with no stubs and an empty journal
        yield admin


@pytest.fixture
def client(mock_url):
    return openai.OpenAI(base_url=f"{mock_url}/v1", api_key="conform-mock-key", max_retries=2)


def test_the_app_sends_the_city_and_its_tool(client, admin):
    admin.post("/stubs", json={"id": "paris", "match": {"path": "/v1/chat/completions"},
                               "respond": {"toolCalls": [{"name": "get_weather", "arguments": {"city": "Paris"}}]}})
    weather_tool_call(client, "Paris")
    [sent] = admin.get("/journal", params={"path": "/v1/chat/completions"}).json()["entries"]
    assert sent["model"] == "gpt-4o"
    assert "Paris" in sent["json"]["messages"][0]["content"]
    assert sent["json"]["tools"][0]["function"]["name"] == "get_weather"
    assert sent["headers"]["authorization"] == "Bearer ****"  # keys never reach the journal


def test_the_app_reads_a_scripted_tool_call(client, admin):
    admin.post("/stubs", json={"id": "weather", "match": {"path": "/v1/chat/completions",
                                                          "body": {"messages": [{"content": {"$regex": "Lyon"}}]}},
                               "respond": {"toolCalls": [{"name": "get_weather", "arguments": {"city": "Lyon"}}]}})
    assert weather_tool_call(client, "Lyon") == {"name": "get_weather", "arguments": {"city": "Lyon"}}


def test_the_app_rides_out_a_rate_limit(client, admin):
    admin.post("/stubs", json={"id": "busy", "match": {"path": "/v1/chat/completions"}, "respond": [
        {"fault": {"status": 429, "retryAfter": 0}},
        {"toolCalls": [{"name": "get_weather", "arguments": {"city": "Nice"}}]}]})
    assert weather_tool_call(client, "Nice")["arguments"] == {"city": "Nice"}
    statuses = [entry["status"] for entry in admin.get("/journal").json()["entries"]]
    assert statuses == [429, 200]  # the SDK retried once, after the Retry-After


def test_the_app_reports_an_outage(client, admin):
    outage = client.with_options(max_retries=0, default_headers={"X-Conform-Fault": "503"})
    with pytest.raises(openai.InternalServerError) as raised:
        weather_tool_call(outage, "Brest")
    assert raised.value.status_code == 503

"""Exercises conform mock with the official openai and anthropic SDKs; one line per check."""
import base64
import io
import json
import struct
import sys
import tempfile
import urllib.request
import wave
import zlib

import anthropic
import openai

base, key, label = sys.argv[1], sys.argv[2], sys.argv[3]
failures = 0
passes = 0


def check(name, function):
    global failures, passes
    try:
        detail = function()
        passes += 1
        print(f"PASS [{label} openai {openai.__version__} anthropic {anthropic.__version__}] {name}" + (f": {detail}" if detail else ""))
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
        failures += 1
        print(f"FAIL [{label}] {name}: {type(error).__name__}: {error}")


def valid_png(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "no PNG signature"
    offset, idat = 8, b""
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        body = data[offset + 8:offset + 8 + length]
        assert zlib.crc32(kind + body) == struct.unpack(">I", data[offset + 8 + length:offset + 12 + length])[0], f"bad CRC in {kind}"
        if kind == b"IDAT":
            idat += body
        offset += 12 + length
    width, height = struct.unpack(">II", data[16:24])
    assert len(zlib.decompress(idat)) == height * (width * 3 + 1), "IDAT does not inflate to the image size"
    return f"{width}x{height}"


client = openai.OpenAI(base_url=base + "/v1", api_key=key)
messages = [{"role": "user", "content": "Hello!"}]

check("models.list", lambda: ",".join(model.id for model in client.models.list()))
check("chat plain", lambda: client.chat.completions.create(model="qwen3", messages=messages).choices[0].message.content[:30])


def chat_stream():
    chunks = list(client.chat.completions.create(model="qwen3", messages=messages, stream=True, stream_options={"include_usage": True}))
    assert chunks[-1].usage is not None and chunks[-1].choices == [], "no usage chunk"
    return f"{len(chunks)} chunks, {chunks[-1].usage.total_tokens} tokens"


check("chat stream with include_usage", chat_stream)


def chat_helper():
    with client.chat.completions.stream(model="qwen3", messages=messages) as stream:
        for _ in stream:
            pass
        return stream.get_final_completion().choices[0].message.content[:30]


check("chat .stream helper", chat_helper)
check("completions", lambda: client.completions.create(model="qwen3", prompt="Say this is a test").choices[0].text[:30])
check("responses plain", lambda: client.responses.create(model="qwen3", input="Hello!").output_text[:30])


def responses_stream():
    events = list(client.responses.create(model="qwen3", input="Hello!", stream=True))
    assert events[-1].type == "response.completed", events[-1].type
    return f"{len(events)} events"


check("responses stream", responses_stream)
check("embeddings (SDK default base64)", lambda: len(client.embeddings.create(model="bge-m3", input=["a", "b"]).data[1].embedding))
check("embeddings float", lambda: len(client.embeddings.create(model="bge-m3", input="a", encoding_format="float").data[0].embedding))
check("images b64_json", lambda: valid_png(base64.b64decode(client.images.generate(model="stable-diffusion-3.5-medium", prompt="a panda", size="256x256", response_format="b64_json").data[0].b64_json)))


def image_url():
    url = client.images.generate(model="stable-diffusion-3.5-medium", prompt="a panda", size="256x256", response_format="url").data[0].url
    with urllib.request.urlopen(url) as response:
        return valid_png(response.read())


check("images url, then fetch it", image_url)


def image_edit():
    source = base64.b64decode(client.images.generate(model="stable-diffusion-3.5-medium", prompt="x", size="64x64").data[0].b64_json)
    edited = client.images.edit(model="stable-diffusion-3.5-medium", prompt="add a hat", image=("in.png", source, "image/png"))
    return valid_png(base64.b64decode(edited.data[0].b64_json))


check("image edit upload", image_edit)
speech_path = tempfile.mktemp(suffix=".wav")


def speech():
    client.audio.speech.create(model="cosyvoice-300m", input="Hello from the mock", voice="alloy", response_format="wav").write_to_file(speech_path)
    with wave.open(speech_path) as audio:
        return f"{audio.getnframes() / audio.getframerate():.2f} s"


check("speech to a WAV file", speech)


def transcription(response_format):
    with open(speech_path, "rb") as audio:
        result = client.audio.transcriptions.create(model="whisper-large-v3-turbo", file=audio, response_format=response_format)
    return (result if isinstance(result, str) else result.text)[:30]


check("transcription json", lambda: transcription("json"))
check("transcription text", lambda: transcription("text"))

for style, kwargs in (("x-api-key", {"api_key": key}), ("Bearer", {"auth_token": key})):
    claude = anthropic.Anthropic(base_url=base, **kwargs)
    check(f"messages plain ({style})", lambda: claude.messages.create(model="qwen3", max_tokens=32, messages=messages).content[0].text[:30])


def messages_stream():
    claude = anthropic.Anthropic(base_url=base, api_key=key)
    with claude.messages.stream(model="qwen3", max_tokens=32, messages=messages) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert final.content[0].text == text, "final message differs from the streamed text"
    return text[:30]


check("messages .stream helper", messages_stream)


WEATHER = {"type": "function", "function": {"name": "get_weather", "description": "Current weather for a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
TIME = {"type": "function", "function": {"name": "get_time", "description": "Local time in a city", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}
ask = [{"role": "user", "content": "What are the weather and the time in Paris?"}]


def chat_tools_helper():
    names = []
    with client.chat.completions.stream(model="qwen3", messages=ask, tools=[WEATHER, TIME], tool_choice="required") as stream:
        for event in stream:
            if event.type == "tool_calls.function.arguments.done":
                names.append(event.name)
                json.loads(event.arguments)
        final = stream.get_final_completion()
    calls = final.choices[0].message.tool_calls
    assert final.choices[0].finish_reason == "tool_calls", final.choices[0].finish_reason
    assert [call.function.name for call in calls] == names and len(set(call.id for call in calls)) == len(calls), (calls, names)
    for call in calls:
        assert "city" in json.loads(call.function.arguments)
    return ", ".join(names)


check("chat .stream helper with parallel tool calls", chat_tools_helper)


def chat_tool_turn():
    first = client.chat.completions.create(model="qwen3", messages=ask[:1], tools=[WEATHER], tool_choice="required").choices[0].message
    call = first.tool_calls[0]
    second = client.chat.completions.create(model="qwen3", tools=[WEATHER], messages=ask + [first.model_dump(exclude_none=True), {"role": "tool", "tool_call_id": call.id, "content": "18 C"}])
    assert second.choices[0].message.content, "no answer after the tool result"
    return second.choices[0].finish_reason


check("chat tool call, then its result", chat_tool_turn)


def chat_parse():
    schema = {"type": "object", "properties": {"city": {"type": "string"}, "population": {"type": "integer"}}, "required": ["city", "population"], "additionalProperties": False}
    parse = getattr(client.chat.completions, "parse", None) or client.beta.chat.completions.parse
    result = parse(model="qwen3", messages=ask, response_format={"type": "json_schema", "json_schema": {"name": "facts", "strict": True, "schema": schema}})
    content = json.loads(result.choices[0].message.content)
    assert isinstance(content["population"], int), content
    return str(sorted(content))


check("chat structured output (json_schema)", chat_parse)


def responses_tools_helper():
    tool = {"type": "function", "name": "get_weather", "description": "Current weather", "parameters": WEATHER["function"]["parameters"]}
    done = []
    with client.responses.stream(model="qwen3", input="Weather in Paris?", tools=[tool], tool_choice="required") as stream:
        for event in stream:
            if event.type == "response.function_call_arguments.done":
                done.append(json.loads(event.arguments))
        final = stream.get_final_response()
    calls = [item for item in final.output if item.type == "function_call"]
    assert calls and json.loads(calls[0].arguments) == done[0], (calls, done)
    return f"{calls[0].name}({calls[0].arguments})"


check("responses .stream helper with a function call", responses_tools_helper)


def responses_text_helper():
    with client.responses.stream(model="qwen3", input="Hello!") as stream:
        text = "".join(event.delta for event in stream if event.type == "response.output_text.delta")
        final = stream.get_final_response()
    assert final.output_text == text, "the final text differs from the deltas"
    return text[:30]


check("responses .stream helper", responses_text_helper)


def messages_tools_helper():
    claude = anthropic.Anthropic(base_url=base, api_key=key)
    tool = {"name": "get_weather", "description": "Current weather", "input_schema": WEATHER["function"]["parameters"]}
    snapshots = []
    with claude.messages.stream(model="qwen3", max_tokens=256, messages=ask, tools=[tool], tool_choice={"type": "any"}) as stream:
        for event in stream:
            if event.type == "input_json":
                snapshots.append(event.snapshot)
        final = stream.get_final_message()
    uses = [block for block in final.content if block.type == "tool_use"]
    assert final.stop_reason == "tool_use" and uses and uses[0].input == snapshots[-1], (final, snapshots)
    follow = claude.messages.create(model="qwen3", max_tokens=64, tools=[tool], messages=ask + [
        {"role": "assistant", "content": [block.model_dump() for block in final.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": uses[0].id, "content": "18 C"}]}])
    assert follow.content and follow.content[0].type == "text", follow
    return f"{uses[0].name}({json.dumps(uses[0].input)}), then {follow.stop_reason}"


check("messages .stream helper with tool use, then its result", messages_tools_helper)


def admin(method, path, body=None):
    request = urllib.request.Request(base + "/__conform" + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def stub(case, respond):
    admin("POST", "/stubs", {"id": f"{label}-{case}", "match": {"headers": {"X-Test-Case": f"{label}-{case}"}}, "respond": respond})
    return {"X-Test-Case": f"{label}-{case}"}


def attempts(case):
    return len(admin("GET", f"/journal?stub={label}-{case}")["entries"])


def openai_retries():
    headers = stub("retry", [{"fault": {"status": 429, "retryAfter": 0}}, {"fault": {"status": 503}}, {"passThrough": True}])
    reply = client.with_options(max_retries=3).chat.completions.create(model="qwen3", messages=messages, extra_headers=headers)
    assert reply.choices[0].message.content, reply
    assert attempts("retry") == 3, attempts("retry")
    return "429, then 503, then the answer: 3 attempts"


check("openai SDK retries an injected 429 and 503", openai_retries)


def anthropic_retries():
    claude = anthropic.Anthropic(base_url=base, api_key=key, max_retries=2)
    headers = stub("overloaded", [{"fault": {"status": 529, "retryAfter": 0}}, {"passThrough": True}])
    reply = claude.messages.create(model="qwen3", max_tokens=16, messages=messages, extra_headers=headers)
    assert reply.content and attempts("overloaded") == 2
    return "529 overloaded, then the answer"


check("anthropic SDK retries an injected 529", anthropic_retries)


def stubbed_tool_call():
    headers = stub("tool", {"toolCalls": [{"name": "get_weather", "arguments": {"city": "Lisbon"}}]})
    chat = client.chat.completions.create(model="qwen3", messages=ask, tools=[WEATHER], extra_headers=headers)
    call = chat.choices[0].message.tool_calls[0]
    assert call.function.name == "get_weather" and json.loads(call.function.arguments) == {"city": "Lisbon"}, call
    claude = anthropic.Anthropic(base_url=base, api_key=key)
    tool = {"name": "get_weather", "description": "Current weather", "input_schema": WEATHER["function"]["parameters"]}
    with claude.messages.stream(model="qwen3", max_tokens=64, messages=ask, tools=[tool], extra_headers=headers) as stream:
        final = stream.get_final_message()
    assert final.content[0].type == "tool_use" and final.content[0].input == {"city": "Lisbon"}, final
    return "get_weather(Lisbon) in chat and in a messages stream"


check("a stubbed tool call reaches the SDKs", stubbed_tool_call)


def rerank():
    body = json.dumps({"model": "bge-reranker-v2-m3", "query": "What is a panda?", "top_n": 3, "documents": ["hi", "it is a bear", "The giant panda (Ailuropoda melanoleuca), sometimes called a panda bear or simply panda, is a bear species endemic to China."]}).encode()
    request = urllib.request.Request(base + "/v1/rerank", data=body, headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(request) as response:
        order = [result["index"] for result in json.load(response)["results"]]
    assert order == [2, 1, 0], order
    return str(order)


check("rerank over plain HTTP", rerank)


def wrong_key():
    try:
        openai.OpenAI(base_url=base + "/v1", api_key="wrong").models.list()
    except openai.AuthenticationError:
        return "AuthenticationError"
    raise AssertionError("a wrong key was accepted")


check("wrong key raises AuthenticationError", wrong_key)
print(f"sdk-e2e {label}: {passes} passed, {failures} failed")
sys.exit(1 if failures else 0)

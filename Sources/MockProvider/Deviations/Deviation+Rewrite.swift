import ConformContract
import ConformJSON
import Foundation
import HTTPTypes
import HTTPWire
import Workers

extension Deviation {
    /// This deviation as a rewrite of the exchange. `models` lets `unknown-model-ok` find a
    /// stand-in and `acceptedKey` lets `auth-disabled` present a key the client did not.
    func rewrite(models: [ModelConfiguration], acceptedKey: String) -> DeviationRewrite {
        switch self {
        case .rerankUnsorted:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.rerank.path, let results = json["results"]?.arrayValue else { return }
                json["results"] = .array(results.sorted { ($0["index"]?.integerValue ?? 0) < ($1["index"]?.integerValue ?? 0) })
            })
        case .rerankIgnoreTopN:
            DeviationRewrite(request: { request in
                guard request.path == ContractRow.rerank.path else { return }
                request.json?["top_n"] = nil
            })
        case .rerankDropDocuments:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.rerank.path, let results = json["results"]?.arrayValue else { return }
                json["results"] = .array(results.map { result in
                    var result = result
                    result["document"] = nil
                    return result
                })
            })
        case .rerankDocumentsAlways:
            DeviationRewrite(
                json: { json, facts in
                    guard facts.path == ContractRow.rerank.path, let results = json["results"]?.arrayValue,
                        let documents = facts.requestJSON?["documents"]?.arrayValue
                    else { return }
                    json["results"] = .array(results.map { result in
                        guard let index = result["index"]?.integerValue, documents.indices.contains(Int(index)) else { return result }
                        var result = result
                        let document = documents[Int(index)]
                        result["document"] = document.stringValue.map { ["text": .string($0)] } ?? document
                        return result
                    })
                }, readsRequestJSON: true)
        case .rerankBadIndex:
            DeviationRewrite(
                json: { json, facts in
                    guard facts.path == ContractRow.rerank.path, var results = json["results"]?.arrayValue, !results.isEmpty else { return }
                    let documents = facts.requestJSON?["documents"]?.arrayValue?.count ?? results.count
                    results[results.count - 1]["index"] = .integer(Int64(documents))
                    json["results"] = .array(results)
                }, readsRequestJSON: true)
        case .chatDropCreated:
            DeviationRewrite(
                json: { json, _ in if json["object"] == "chat.completion" { json["created"] = nil } },
                event: { event, _, _ in
                    if event.json?["object"] == "chat.completion.chunk", case .json(var chunk) = event.payload {
                        chunk["created"] = nil
                        event.payload = .json(chunk)
                    }
                    return true
                })
        case .chatDropNullableKeys:
            DeviationRewrite(json: { json, _ in
                guard json["object"] == "chat.completion", let choices = json["choices"]?.arrayValue else { return }
                json["choices"] = .array(choices.map { choice in
                    var choice = choice
                    if choice["logprobs"] == .null { choice["logprobs"] = nil }
                    if choice["message"]?["refusal"] == .null { choice["message"]?["refusal"] = nil }
                    return choice
                })
            })
        case .openAIStreamNoDone:
            DeviationRewrite(event: { event, _, _ in event.payload != .text("[DONE]") })
        case .openAIStreamNoUsageChunk:
            DeviationRewrite(event: { event, _, _ in
                !(event.json?["choices"]?.arrayValue?.isEmpty == true && event.json?["usage"]?.objectValue != nil)
            })
        case .anthropicStreamNoMessageStop:
            DeviationRewrite(event: { event, _, _ in event.name != "message_stop" })
        case .anthropicStreamUnnamed:
            DeviationRewrite(event: { event, _, facts in
                if facts.path == ContractRow.messages.path { event.name = nil }
                return true
            })
        case .anthropicStreamAsJSON:
            // The route answers a request that does not ask to stream with the whole message.
            DeviationRewrite(request: { request in
                if request.path == ContractRow.messages.path, request.json?["stream"] == .bool(true) { request.json?["stream"] = nil }
            })
        case .messagesXAPIKeyRefused:
            DeviationRewrite(request: { request in
                if request.path == ContractRow.messages.path, request.headers[.authorization] == nil {
                    request.headers[HTTPField.Name("X-API-Key")!] = nil
                }
            })
        case .responsesStreamNoCompleted:
            DeviationRewrite(event: { event, _, _ in event.name != "response.completed" && event.json?["type"] != "response.completed" })
        case .responsesSequenceRepeats:
            DeviationRewrite(event: { event, index, _ in
                if case .json(var json) = event.payload, json["sequence_number"] != nil {
                    // Each event takes the number of the one before it, so one number repeats.
                    json["sequence_number"] = .integer(Int64(max(index - 1, 0)))
                    event.payload = .json(json)
                }
                return true
            })
        case .authDisabled:
            DeviationRewrite(request: { request in
                request.headers[.authorization] = "Bearer \(acceptedKey)"
            })
        case .proxyDropQuery:
            DeviationRewrite(request: { request in
                if request.path.hasPrefix(GenericProxyRoute.prefix) { request.query = nil }
            })
        case .proxyLeakAuth:
            // The generic proxy strips the client's Authorization: the request rewrite carries it
            // past the route under a name the proxy passes on, the upstream rewrite restores it.
            DeviationRewrite(
                request: { request in
                    if request.path.hasPrefix(GenericProxyRoute.prefix), let authorization = request.headers[.authorization] {
                        request.headers[Self.carriedAuthorization] = authorization
                    }
                },
                upstream: { request in
                    if let authorization = request.headers[Self.carriedAuthorization] {
                        request.headers[Self.carriedAuthorization] = nil
                        request.headers[.authorization] = authorization
                    }
                })
        case .embeddingsDropOne:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.embeddings.path, var data = json["data"]?.arrayValue, !data.isEmpty else { return }
                data.removeLast()
                json["data"] = .array(data)
            })
        case .embeddingsBase64Float64:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.embeddings.path, let data = json["data"]?.arrayValue else { return }
                json["data"] = .array(data.map(Self.widenedToFloat64))
            })
        case .embeddingsBase64Ignored:
            DeviationRewrite(request: { request in
                if request.path == ContractRow.embeddings.path { request.json?["encoding_format"] = nil }
            })
        case .usageWrongTotal:
            DeviationRewrite(
                json: { json, _ in json = Self.wrongTotal(json) },
                event: { event, _, _ in
                    if case .json(let json) = event.payload { event.payload = .json(Self.wrongTotal(json)) }
                    return true
                })
        case .errorEnvelopePartial:
            DeviationRewrite(json: { json, facts in
                guard facts.status.code >= 400, case .object(var inner)? = json["error"] else { return }
                inner["param"] = nil
                inner["code"] = nil
                json["error"] = .object(inner)
            })
        case .anthropicErrorOpenAIShape:
            DeviationRewrite(json: { json, facts in
                guard facts.status.code >= 400, json["type"] == "error", let message = json["error"]?["message"] else { return }
                json = ["error": ["message": message, "type": .string(ErrorEnvelope.openAIType(facts.status)), "param": .null, "code": .null]]
            })
        case .imageCorruptPNG:
            DeviationRewrite(
                json: { json, _ in
                    guard let data = json["data"]?.arrayValue else { return }
                    json["data"] = .array(data.map { item in
                        guard let text = item["b64_json"]?.stringValue, let png = Data(base64Encoded: text) else { return item }
                        var item = item
                        item["b64_json"] = .string(Data(Self.corrupted(png: [UInt8](png))).base64EncodedString())
                        return item
                    })
                },
                bytes: { bytes, _ in
                    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { bytes = Self.corrupted(png: bytes) }
                })
        case .speechCorruptWAV:
            DeviationRewrite(bytes: { bytes, _ in
                if bytes.starts(with: Array("RIFF".utf8)), bytes.count > 8 { bytes[4] &+= 1 }
            })
        case .transcriptionTextAsJSON:
            DeviationRewrite(request: { request in
                guard request.path == ContractRow.transcriptions.path, var form = request.form else { return }
                for index in form.parts.indices where form.parts[index].name == "response_format" && form.parts[index].text == "text" {
                    form.parts[index].data = Array("json".utf8)
                }
                request.form = form
            })
        case .jsonAsTextPlain:
            DeviationRewrite(headers: { headers, _ in
                if headers[.contentType]?.hasPrefix("application/json") == true { headers[.contentType] = "text/plain; charset=utf-8" }
            })
        case .unknownModelOK:
            DeviationRewrite(request: { request in AnyModelSubstitution.substitute(in: &request, models: models) })
        case .unknownModelServerError:
            DeviationRewrite(status: { status, json, _ in
                if status == .notFound, Self.saysModelNotFound(json) { status = .internalServerError }
            })
        case .toolsDropped:
            DeviationRewrite(request: { request in
                guard Self.generates(request.path) else { return }
                request.json?["tools"] = nil
                request.json?["tool_choice"] = nil
            })
        case .toolCallDeltasWithoutIndex:
            DeviationRewrite(event: { event, _, _ in
                guard case .json(var chunk) = event.payload, let choices = chunk["choices"]?.arrayValue else { return true }
                chunk["choices"] = .array(choices.map { choice in
                    var choice = choice
                    if let calls = choice["delta"]?["tool_calls"]?.arrayValue {
                        choice["delta"]?["tool_calls"] = .array(calls.map { call in
                            var call = call
                            call["index"] = nil
                            return call
                        })
                    }
                    return choice
                })
                event.payload = .json(chunk)
                return true
            })
        case .toolCallArgumentsTruncated:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.chat.path, let choices = json["choices"]?.arrayValue else { return }
                json["choices"] = .array(choices.map { choice in
                    var choice = choice
                    if let calls = choice["message"]?["tool_calls"]?.arrayValue {
                        choice["message"]?["tool_calls"] = .array(calls.map { call in
                            var call = call
                            if let arguments = call["function"]?["arguments"]?.stringValue {
                                call["function"]?["arguments"] = .string(String(arguments.dropLast()))
                            }
                            return call
                        })
                    }
                    return choice
                })
            })
        case .anthropicToolUseAsText:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.messages.path, let content = json["content"]?.arrayValue,
                    content.contains(where: { $0["type"] == "tool_use" })
                else { return }
                json["content"] = .array(content.map { block in
                    guard block["type"] == "tool_use" else { return block }
                    return ["type": "text", "text": .string((block["input"] ?? [:]).serializedString())]
                })
                json["stop_reason"] = "end_turn"
            })
        case .anthropicToolInputAsTextDelta:
            DeviationRewrite(event: { event, _, facts in
                guard facts.path == ContractRow.messages.path, case .json(var data) = event.payload,
                    data["delta"]?["type"] == "input_json_delta"
                else { return true }
                data["delta"] = ["type": "text_delta", "text": data["delta"]?["partial_json"] ?? ""]
                event.payload = .json(data)
                return true
            })
        case .anthropicMessageDeltaNoUsage:
            DeviationRewrite(event: { event, _, _ in
                if event.name == "message_delta", case .json(var data) = event.payload {
                    data["usage"] = nil
                    event.payload = .json(data)
                }
                return true
            })
        case .responsesFunctionCallAsMessage:
            DeviationRewrite(json: { json, facts in
                guard facts.path == ContractRow.responses.path, let output = json["output"]?.arrayValue else { return }
                json["output"] = .array(output.map { item in
                    guard item["type"] == "function_call" else { return item }
                    let text: JSON = .string("\(item["name"]?.stringValue ?? "")(\(item["arguments"]?.stringValue ?? ""))")
                    return [
                        "id": item["id"] ?? "msg_0", "type": "message", "status": "completed", "role": "assistant",
                        "content": [["type": "output_text", "annotations": [], "text": text]],
                    ]
                })
            })
        case .responseFormatIgnored:
            DeviationRewrite(request: { request in
                guard Self.generates(request.path) else { return }
                request.json?["response_format"] = nil
                request.json?["text"] = nil
            })
        case .nIgnored:
            DeviationRewrite(request: { request in
                if Self.generates(request.path) { request.json?["n"] = nil }
            })
        case .stopIgnored:
            DeviationRewrite(request: { request in
                guard Self.generates(request.path) else { return }
                request.json?["stop"] = nil
                request.json?["stop_sequences"] = nil
            })
        case .maxTokensIgnored:
            DeviationRewrite(request: { request in
                guard Self.generates(request.path), request.json != nil else { return }
                request.json?["max_completion_tokens"] = nil
                if request.path == ContractRow.messages.path {
                    request.json?["max_tokens"] = 4096
                } else {
                    request.json?["max_tokens"] = nil
                }
                if request.json?["max_output_tokens"] != nil { request.json?["max_output_tokens"] = 4096 }
            })
        case .logprobsIgnored:
            DeviationRewrite(request: { request in
                guard Self.generates(request.path) else { return }
                request.json?["logprobs"] = nil
                request.json?["top_logprobs"] = nil
            })
        case .dimensionsIgnored:
            DeviationRewrite(request: { request in
                if request.path == ContractRow.embeddings.path { request.json?["dimensions"] = nil }
            })
        case .streamRoleMissing:
            DeviationRewrite(event: { event, _, _ in
                guard case .json(var chunk) = event.payload, let choices = chunk["choices"]?.arrayValue else { return true }
                chunk["choices"] = .array(choices.map { choice in
                    var choice = choice
                    choice["delta"]?["role"] = nil
                    return choice
                })
                event.payload = .json(chunk)
                return true
            })
        case .streamBuffered:
            DeviationRewrite(buffersStreams: true)
        case .errorTypeNone:
            DeviationRewrite(json: { json, facts in
                guard facts.status.code >= 400, json["error"]?["type"] != nil, json["type"] != "error" else { return }
                json["error"]?["type"] = "None"
            })
        case .bearerCaseSensitive:
            DeviationRewrite(request: { request in
                if let value = request.headers[.authorization], value.hasPrefix("bearer ") { request.headers[.authorization] = nil }
            })
        case .proxyHeaderFormNeedsBody:
            DeviationRewrite(request: { request in
                guard request.path.hasPrefix(GenericProxyRoute.prefix + "/"), request.json == nil, request.form == nil else { return }
                let first = request.path.dropFirst(GenericProxyRoute.prefix.count + 1).prefix { $0 != "/" }
                if Int(first) == nil { request.headers[HTTPField.Name("X-GPUStack-Model")!] = nil }
            })
        case .proxyHeadersDropped:
            DeviationRewrite(request: { request in
                guard request.path.hasPrefix(GenericProxyRoute.prefix) else { return }
                let kept: Set<String> = ["x-gpustack-model", "x-api-key"]
                request.headers = HTTPFields(request.headers.filter { field in
                    let name = field.name.canonicalName
                    return !(name.hasPrefix("x-") && !kept.contains(name)) && name != "accept-language"
                })
            })
        case .proxyBytesReencoded:
            DeviationRewrite(bytes: { bytes, facts in
                guard facts.path.hasPrefix(GenericProxyRoute.prefix) else { return }
                var output: [UInt8] = []
                output.reserveCapacity(bytes.count)
                for (index, byte) in bytes.enumerated() where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
                    output.append(byte)
                }
                bytes = output
            })
        case .proxyUpstreamErrorsMasked:
            DeviationRewrite(status: { status, _, facts in
                guard facts.path.hasPrefix(GenericProxyRoute.prefix), status.code >= 400, status != .unauthorized, status != .notFound else {
                    return
                }
                status = .badGateway
            })
        case .proxyResponseHeadersDropped:
            DeviationRewrite(headers: { headers, facts in
                guard facts.path.hasPrefix(GenericProxyRoute.prefix) else { return }
                headers = HTTPFields(headers.filter { !$0.name.canonicalName.hasPrefix("x-") })
            })
        }
    }

    /// Whether `path` is one of the rows whose model generates text (chat, completions, responses,
    /// messages).
    static func generates(_ path: String) -> Bool {
        [ContractRow.chat, .completions, .responses, .messages].contains { $0.path == path }
    }

    /// Whether an error body says the model is unknown, in the OpenAI envelope or GPUStack's.
    static func saysModelNotFound(_ json: JSON) -> Bool {
        json["error"]?["code"] == "model_not_found" || json["error"]?["message"] == "Model not found"
            || json["error"]?["type"] == "not_found_error"
    }

    /// Where `proxy-leak-auth` carries the client's Authorization between its two rewrites.
    static let carriedAuthorization = HTTPField.Name("X-Conform-Leaked-Authorization")!

    /// `total_tokens` one more than its parts, wherever a usage object appears (top level, or
    /// inside a Responses `response`).
    static func wrongTotal(_ json: JSON) -> JSON {
        var json = json
        if let total = json["usage"]?["total_tokens"]?.integerValue {
            json["usage"]?["total_tokens"] = .integer(total + 1)
        }
        if json["response"]?["usage"]?["total_tokens"] != nil {
            json["response"] = wrongTotal(json["response"]!)
        }
        return json
    }

    /// Base64 float32 embeddings re-encoded as 8-byte doubles.
    static func widenedToFloat64(_ item: JSON) -> JSON {
        guard let text = item["embedding"]?.stringValue, let data = Data(base64Encoded: text) else { return item }
        var wide: [UInt8] = []
        let bytes = [UInt8](data)
        for offset in stride(from: 0, to: bytes.count - 3, by: 4) {
            let bits = UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(bytes[offset + 3]) << 24
            let double = Double(Float(bitPattern: bits))
            withUnsafeBytes(of: double.bitPattern.littleEndian) { wide.append(contentsOf: $0) }
        }
        var item = item
        item["embedding"] = .string(Data(wide).base64EncodedString())
        return item
    }

    /// The PNG with the last byte of its IHDR CRC flipped.
    static func corrupted(png: [UInt8]) -> [UInt8] {
        var png = png
        if png.count > 32 { png[32] ^= 0xFF }
        return png
    }
}

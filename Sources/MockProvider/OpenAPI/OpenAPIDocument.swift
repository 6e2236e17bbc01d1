import ConformJSON
import Foundation

/// The mock's API as an OpenAPI 3.1 document, assembled from the request and response schemas in
/// `Schemas/` (one definition, no second copy): every contract path with its request body, the
/// key schemes, and the statuses it answers. `conform mock` serves it at `GET /openapi.json`, so
/// a fuzzer such as Schemathesis can exercise every route. Each schema file becomes one entry of
/// `components.schemas` (named `openai.chat-completion-request`), its references rewritten from
/// file names and its own `#/$defs` to pointers into the document.
public enum OpenAPIDocument {
    /// One operation: its path, method, request schema (nil for none) and media type, and the
    /// schemas of its successful answers by media type.
    struct Operation {
        var path: String
        var method: String
        var summary: String
        var request: String?
        var requestType = "application/json"
        var answers: [(String, String?)]
        var anthropic = false
    }

    static let operations: [Operation] = [
        Operation(path: "/v1/models", method: "get", summary: "List models", request: nil, answers: [("application/json", "openai/models-list")]),
        Operation(
            path: "/v1/chat/completions", method: "post", summary: "Create a chat completion", request: "openai/chat-completion-request",
            answers: [("application/json", "openai/chat-completion"), ("text/event-stream", nil)]),
        Operation(
            path: "/v1/completions", method: "post", summary: "Create a completion", request: "openai/completion-request",
            answers: [("application/json", "openai/completion"), ("text/event-stream", nil)]),
        Operation(
            path: "/v1/responses", method: "post", summary: "Create a response", request: "openai/response-request",
            answers: [("application/json", "openai/response"), ("text/event-stream", nil)]),
        Operation(
            path: "/v1/embeddings", method: "post", summary: "Create embeddings", request: "openai/embedding-request",
            answers: [("application/json", nil)]),
        Operation(
            path: "/v1/rerank", method: "post", summary: "Rerank documents (Jina)", request: "jina/rerank-request",
            answers: [("application/json", "jina/rerank-response")]),
        Operation(
            path: "/v1/images/generations", method: "post", summary: "Create images", request: "openai/image-generation-request",
            answers: [("application/json", "openai/images-response")]),
        Operation(
            path: "/v1/images/edits", method: "post", summary: "Edit images", request: "openai/image-edit-request",
            requestType: "multipart/form-data", answers: [("application/json", "openai/images-response")]),
        Operation(
            path: "/v1/audio/speech", method: "post", summary: "Create speech", request: "openai/speech-request",
            answers: [("audio/wav", nil), ("audio/pcm", nil)]),
        Operation(
            path: "/v1/audio/transcriptions", method: "post", summary: "Transcribe audio", request: "openai/transcription-request",
            requestType: "multipart/form-data", answers: [("application/json", nil), ("text/plain", nil)]),
        Operation(
            path: "/v1/messages", method: "post", summary: "Create a message (Anthropic)", request: "anthropic/messages-request",
            answers: [("application/json", "anthropic/message"), ("text/event-stream", nil)], anthropic: true),
        Operation(
            path: "/model/proxy/{route_id}/embed", method: "post", summary: "TEI embed through the generic proxy",
            request: "gpustack/tei-embed-request", answers: [("application/json", "gpustack/tei-embed-response")]),
    ]

    /// The document, from the schema files under `schemas` (the `Schemas/` folder). `models`
    /// names the models each path serves, so that generated requests name one (a fuzzer that
    /// invents names only ever meets the 404 for an unknown model).
    public static func assemble(schemas: URL, version: String, models: [String: [String]] = [:]) throws -> JSON {
        var components = JSONObject()
        var pending = Set(operations.flatMap { [$0.request] + $0.answers.map(\.1) }.compactMap { $0 })
        var done = Set<String>()
        while let name = pending.popFirst() {
            done.insert(name)
            let file = schemas.appending(path: name + ".schema.json")
            let schema = try JSONParser().parse(Array(try Data(contentsOf: file)))
            var referenced = Set<String>()
            components[componentName(name)] = rewritten(schema, in: name, referencing: &referenced, root: true)
            pending.formUnion(referenced.subtracting(done))
        }
        var paths = JSONObject()
        for operation in operations {
            var item = paths[operation.path]?.objectValue ?? [:]
            item[operation.method] = self.operation(operation, models: models[operation.path] ?? [])
            paths[operation.path] = .object(item)
        }
        return [
            "openapi": "3.1.0",
            "info": [
                "title": "conform mock: the GPUStack inference API", "version": .string(version),
                "description": "The contract the conform mock serves. Request and response schemas come from conform's Schemas/ folder.",
            ],
            "components": [
                "schemas": .object(components),
                "securitySchemes": [
                    "bearer": ["type": "http", "scheme": "bearer"],
                    "apiKey": ["type": "apiKey", "in": "header", "name": "X-API-Key"],
                ],
            ],
            "security": [["bearer": []], ["apiKey": []]],
            "paths": .object(paths),
        ]
    }

    static func operation(_ operation: Operation, models: [String]) -> JSON {
        var object: JSONObject = ["summary": .string(operation.summary), "operationId": .string(operationID(operation))]
        if operation.path.contains("{route_id}") {
            object["parameters"] = [["name": "route_id", "in": "path", "required": true, "schema": ["type": "integer", "minimum": 0]]]
        }
        if let request = operation.request {
            var schema: JSON = ["$ref": .string("#/components/schemas/\(componentName(request))")]
            if !models.isEmpty, operation.requestType == "application/json" {
                schema = ["allOf": [schema, ["properties": ["model": ["enum": .array(models.map(JSON.string))]]]]]
            }
            object["requestBody"] = ["required": true, "content": [operation.requestType: ["schema": schema]]]
        }
        var content = JSONObject()
        for (type, schema) in operation.answers {
            content[type] = schema.map { ["schema": ["$ref": .string("#/components/schemas/\(componentName($0))")]] } ?? [:]
        }
        var responses: JSONObject = ["200": ["description": "The answer", "content": .object(content)]]
        let error: JSON = ["description": "A refusal in the error envelope", "content": ["application/json": [:]]]
        for status in ["400", "401", "404", "413", "422", "429", "503"] { responses[status] = error }
        object["responses"] = .object(responses)
        return .object(object)
    }

    static func operationID(_ operation: Operation) -> String {
        operation.method + operation.path.split(separator: "/").map { $0.filter { $0.isLetter || $0.isNumber } }.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `openai/chat-completion` as a component name: `openai.chat-completion`.
    static func componentName(_ name: String) -> String { name.replacing("/", with: ".") }

    /// `schema` (the file `name`) with `$id` and `$schema` dropped at its root and every `$ref`
    /// pointing into the document; the files it refers to are added to `referenced`.
    static func rewritten(_ schema: JSON, in name: String, referencing referenced: inout Set<String>, root: Bool = false) -> JSON {
        switch schema {
        case .object(let object):
            var output = JSONObject()
            for (key, value) in object {
                if root && (key == "$id" || key == "$schema") { continue }
                if key == "$ref", let reference = value.stringValue {
                    output[key] = .string(pointer(reference, from: name, referencing: &referenced))
                } else {
                    output[key] = rewritten(value, in: name, referencing: &referenced)
                }
            }
            return .object(output)
        case .array(let elements):
            return .array(elements.map { rewritten($0, in: name, referencing: &referenced) })
        default:
            return schema
        }
    }

    /// A reference (`#/$defs/x`, or `other.schema.json#/$defs/x` beside the file `name`) as a
    /// pointer into the document.
    static func pointer(_ reference: String, from name: String, referencing referenced: inout Set<String>) -> String {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        var target = name
        if !file.isEmpty {
            let folder = name.split(separator: "/").dropLast().joined(separator: "/")
            target = (folder.isEmpty ? "" : folder + "/") + file.replacing(".schema.json", with: "")
            referenced.insert(target)
        }
        return "#/components/schemas/\(componentName(target))\(fragment)"
    }
}

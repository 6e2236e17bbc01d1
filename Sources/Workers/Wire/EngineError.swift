public import ConformJSON
import Foundation
public import HTTPTypes

/// The error responses an engine sends, in vLLM's shape: `{"object":"error","message":...,
/// "type":"BadRequestError","param":...,"code":400}`, and the reading of any engine's error body
/// back into a status, message and parameter a gateway can re-wrap.
public enum EngineError {
    public static func response(
        _ status: HTTPResponse.Status, message: String, param: String? = nil
    ) -> WorkerResponse {
        WorkerResponse(status: status, body: .json(body(status, message: message, param: param)))
    }

    /// The vLLM error body alone.
    public static func body(_ status: HTTPResponse.Status, message: String, param: String? = nil) -> JSON {
        [
            "object": "error",
            "message": .string(message),
            "type": .string(typeName(for: status)),
            "param": param.map(JSON.string) ?? .null,
            "code": .integer(Int64(status.code)),
        ]
    }

    /// A refused request: 404 when it names a model the engine does not serve (as vLLM answers),
    /// 400 otherwise.
    public static func response(for invalid: InvalidRequest) -> WorkerResponse {
        if invalid.param == "model", invalid.message.hasSuffix("does not exist.") {
            return response(.notFound, message: invalid.message, param: "model")
        }
        return response(.badRequest, message: invalid.message, param: invalid.param)
    }

    public static func modelNotFound(_ name: String) -> WorkerResponse {
        response(.notFound, message: "The model `\(name)` does not exist.", param: "model")
    }

    /// vLLM names its error types after the HTTP reason: `BadRequestError`, `NotFoundError`.
    static func typeName(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "BadRequestError"
        case 404: "NotFoundError"
        case 405: "MethodNotAllowedError"
        case 413: "RequestTooLargeError"
        case 501: "NotImplementedError"
        default: status.code >= 500 ? "InternalServerError" : "BadRequestError"
        }
    }

    /// The message and parameter of an error body in the vLLM, OpenAI (`{"error":{...}}`), TEI
    /// (`{"error":"..."}`) or FastAPI (`{"detail":"..."}`, or its 422 list of validation errors)
    /// shape, or a plain-text body given as a string (a proxy's `no healthy upstream`); nil when
    /// the body is none of them.
    public static func describe(_ body: JSON) -> (message: String, param: String?)? {
        if let message = body["message"]?.stringValue {
            return (message, body["param"]?.stringValue)
        }
        if let error = body["error"] {
            if let message = error["message"]?.stringValue { return (message, error["param"]?.stringValue) }
            if let message = error.stringValue { return (message, nil) }
        }
        if let detail = body["detail"] {
            if let message = detail.stringValue { return (message, nil) }
            if let problems = detail.arrayValue, let described = describeValidationErrors(problems) { return described }
        }
        if let text = body.stringValue {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { return (trimmed, nil) }
        }
        return nil
    }

    /// FastAPI's 422 body, `[{"loc": ["body", "messages", 0], "msg": "Field required", ...}]`:
    /// every problem as `messages[0]: Field required`, the first location as the parameter.
    private static func describeValidationErrors(_ problems: [JSON]) -> (message: String, param: String?)? {
        var lines: [String] = []
        var firstParam: String?
        for problem in problems {
            guard let text = problem["msg"]?.stringValue else { continue }
            let param = problem["loc"]?.arrayValue.map(parameterPath)
            if firstParam == nil, let param, !param.isEmpty { firstParam = param }
            lines.append(param.map { $0.isEmpty ? text : "\($0): \(text)" } ?? text)
        }
        guard !lines.isEmpty else { return nil }
        return (lines.joined(separator: "; "), firstParam)
    }

    /// A FastAPI location as OpenAI names parameters: `["body", "messages", 0, "content"]` is
    /// `messages[0].content`.
    private static func parameterPath(_ location: [JSON]) -> String {
        var path = ""
        for (position, step) in location.enumerated() {
            if position == 0, step.stringValue == "body" { continue }
            if let index = step.integerValue {
                path += "[\(index)]"
            } else if let name = step.stringValue {
                path += path.isEmpty ? name : ".\(name)"
            }
        }
        return path
    }
}

public import ConformJSON
public import HTTPTypes

/// The error responses an engine sends, in vLLM's shape: `{"object":"error","message":...,
/// "type":"BadRequestError","param":...,"code":400}`, and the reading of any engine's error body
/// back into a status, message and parameter a gateway can re-wrap.
public enum EngineError {
    public static func response(
        _ status: HTTPResponse.Status, message: String, param: String? = nil
    ) -> WorkerResponse {
        let body: JSON = [
            "object": "error",
            "message": .string(message),
            "type": .string(typeName(for: status)),
            "param": param.map(JSON.string) ?? .null,
            "code": .integer(Int64(status.code)),
        ]
        return WorkerResponse(status: status, body: .json(body))
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
    /// (`{"error":"..."}`) or FastAPI (`{"detail":...}`) shape; nil when the body is none of them.
    public static func describe(_ body: JSON) -> (message: String, param: String?)? {
        if let message = body["message"]?.stringValue {
            return (message, body["param"]?.stringValue)
        }
        if let error = body["error"] {
            if let message = error["message"]?.stringValue { return (message, error["param"]?.stringValue) }
            if let message = error.stringValue { return (message, nil) }
        }
        if let detail = body["detail"]?.stringValue { return (detail, nil) }
        return nil
    }
}

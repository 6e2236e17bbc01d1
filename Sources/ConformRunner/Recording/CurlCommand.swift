import ConformJSON
import ConformSuite

/// A `curl` command that replays a case's request, with the key read from `$GPUSTACK_API_KEY`
/// so the command can be shared and the key never written down.
enum CurlCommand {
    /// - Parameter assetRoot: how the fixtures directory is written in the command, e.g. `Fixtures`.
    static func render(_ request: PreparedRequest, url: String, streaming: Bool, assetRoot: String) -> String {
        var parts = ["curl -sS"]
        if streaming { parts.append("-N") }
        if request.method != "GET" || request.body != nil { parts.append("-X \(request.method)") }
        parts.append(quoted(url))
        for header in request.headers {
            if let credential = credentialHeader(header, request.credentials) {
                parts.append("-H \"\(credential)\"")
            } else {
                parts.append("-H " + quoted("\(header.name): \(header.value)"))
            }
        }
        switch request.body {
        case .json(let json):
            if request.headers.first(named: "content-type") == nil {
                parts.append("-H " + quoted("Content-Type: application/json"))
            }
            parts.append("--data-binary " + quoted(json.serializedString()))
        case .text(let text):
            // curl would label raw data as a form; the transport sends no type unless the fixture sets one.
            if request.headers.first(named: "content-type") == nil { parts.append("-H " + quoted("Content-Type:")) }
            parts.append("--data-binary " + quoted(text))
        case .multipart(let fields, let files):
            for field in fields { parts.append("--form-string " + quoted("\(field.name)=\(field.value)")) }
            for file in files {
                parts.append(
                    "-F " + quoted("\(file.name)=@\(assetRoot)/\(file.path);type=\(file.contentType);filename=\(file.filename)"))
            }
        case nil:
            break
        }
        return parts.joined(separator: " \\\n  ")
    }

    /// The credential header with the key as a shell variable, or nil for any other header.
    private static func credentialHeader(_ header: HeaderLine, _ credentials: CredentialPresentation) -> String? {
        switch (credentials, header.name.lowercased()) {
        case (.bearer, "authorization"): "Authorization: Bearer $GPUSTACK_API_KEY"
        case (.xAPIKey, "x-api-key"): "X-API-Key: $GPUSTACK_API_KEY"
        default: nil
        }
    }

    /// Single-quoted for a POSIX shell.
    static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }
}

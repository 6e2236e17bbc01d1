import ConformJSON
import HTTPWire

/// A `curl` command that replays an ``OutgoingRequest`` as the transport sends it: the same
/// method, URL, header lines (``OutgoingRequest/wireHeaderLines``) and body. A secret (the API
/// key) is written as `$GPUSTACK_API_KEY` inside double quotes, so the command can be shared and
/// run with the key from the environment; everything else is single-quoted.
public enum CurlCommand {
    /// The shell variable a secret is written as.
    public static let secretVariable = "$GPUSTACK_API_KEY"

    /// - Parameters:
    ///   - streaming: adds `-N`, so curl shows events as they arrive.
    ///   - secrets: values to write as ``secretVariable``.
    public static func render(_ request: OutgoingRequest, streaming: Bool = false, secrets: [String] = []) -> String {
        let secrets = secrets.filter { !$0.isEmpty }.sorted { $0.utf8.count > $1.utf8.count }
        func argument(_ text: String) -> String {
            secrets.contains(where: text.contains) ? doubleQuoted(text, secrets: secrets) : quoted(text)
        }
        var parts = ["curl -sS"]
        if streaming { parts.append("-N") }
        let method = request.method.uppercased()
        if method == "HEAD" {
            parts.append("-I")
        } else if method != "GET" || request.body != nil {
            parts.append("-X \(method)")
        }
        parts.append(argument(request.url))
        for line in request.wireHeaderLines { parts.append("-H " + argument(line)) }
        switch request.body {
        case .json(let json):
            parts.append("--data-binary " + argument(json.serializedString()))
        case .bytes(let bytes, _):
            if let text = String(validating: bytes, as: UTF8.self) {
                parts.append("--data-binary " + argument(text))
            } else {
                parts.append("--data-binary @body.bin  # \(bytes.count) bytes of binary data")
            }
        case .multipart(let form, _):
            // curl chooses its own boundary; the parts are the same.
            for part in form.parts {
                if let origin = part.origin {
                    var spec = "\(part.name)=@\(origin)"
                    if let type = part.contentType { spec += ";type=\(type)" }
                    if let filename = part.filename { spec += ";filename=\(filename)" }
                    parts.append("-F " + argument(spec))
                } else {
                    parts.append("--form-string " + argument("\(part.name)=\(part.text ?? "")"))
                }
            }
        case nil:
            break
        }
        return parts.joined(separator: " \\\n  ")
    }

    /// Single-quoted for a POSIX shell.
    public static func quoted(_ text: String) -> String {
        "'" + text.replacing("'", with: "'\\''") + "'"
    }

    /// Double-quoted with every secret as ``secretVariable`` and the rest escaped, so only the
    /// variable expands.
    static func doubleQuoted(_ text: String, secrets: [String]) -> String {
        var escaped = ""
        for character in text {
            if "\"$`\\".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        for secret in secrets {
            var escapedSecret = ""
            for character in secret {
                if "\"$`\\".contains(character) { escapedSecret.append("\\") }
                escapedSecret.append(character)
            }
            escaped = escaped.replacing(escapedSecret, with: secretVariable)
        }
        return "\"" + escaped + "\""
    }
}

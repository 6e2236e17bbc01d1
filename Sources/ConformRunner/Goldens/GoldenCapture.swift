import ConformHTTP
import ConformJSON
import ConformSuite

/// Captures what a deterministic target answers to each fixture, as the bytes of its golden
/// file: JSON pretty-printed with sorted keys (so reviews read and diff well), event streams and
/// binary bodies exactly as received.
public struct GoldenCapture: Sendable {
    public var target: TargetConfiguration
    public var timeout: Duration
    public var transport: Transport

    public init(target: TargetConfiguration, timeout: Duration = .seconds(30), transport: Transport = Transport()) {
        self.target = target
        self.timeout = timeout
        self.transport = transport
    }

    /// The golden file's bytes for `fixture`'s request.
    public func capture(_ fixture: Fixture) async throws -> [UInt8] {
        guard let name = fixture.expectation.golden else {
            throw GoldenCaptureError(caseID: fixture.id, message: "names no golden")
        }
        let prepared: PreparedCase
        switch CasePreparation.prepare(fixture, mapping: target.roles, apiKey: target.apiKey) {
        case .ready(let ready): prepared = ready
        case .skipped(let reason, _): throw GoldenCaptureError(caseID: fixture.id, message: reason)
        }
        let request = RequestEncoding.outgoing(prepared.request, target: target, assetRoot: "Fixtures")
        let options = TransferOptions(totalTimeout: timeout, tls: target.tls)
        let body = try await transport.send(request, options: options).body
        return Self.fileContents(body, kind: Golden.kind(ofFile: name))
    }

    /// How a body is stored as a golden of `kind`.
    public static func fileContents(_ body: [UInt8], kind: Golden.Kind) -> [UInt8] {
        guard kind == .json, let json = try? JSONParser().parse(body) else { return body }
        return json.serialized(.pretty) + [UInt8(ascii: "\n")]
    }
}

/// Why a fixture's golden could not be captured.
public struct GoldenCaptureError: Error, Sendable, Hashable, CustomStringConvertible {
    public var caseID: String
    public var message: String

    public init(caseID: String, message: String) {
        self.caseID = caseID
        self.message = message
    }

    public var description: String { "\(caseID): \(message)" }
}

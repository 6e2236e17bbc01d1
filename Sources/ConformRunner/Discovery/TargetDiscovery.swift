import ConformContract
import ConformHTTP
import ConformJSON
import HTTPWire

/// Finds which of a server's models plays each role of the suite, and which route ids the route
/// roles have, so that a run covers what the server serves instead of guessing names:
///
/// 1. `GET /v1/models` lists the models.
/// 2. Each model is probed with the cheapest request of each kind, in an order that tries the
///    kinds its name suggests first, until one answers 2xx: a chat completion of one token, an
///    embedding of one word, a rerank of one document, speech of one word, a transcription of the
///    fixtures' short WAV, a 256×256 image.
/// 3. `GET /v2/model-routes` (GPUStack's own list, when the key may read it) gives route ids: the
///    embedding model's route, and a generic-proxy route whose upstream answers with an echo
///    report (``ProxyEchoReport``).
///
/// Roles no model answered stay unmapped, each with the reason, in the ``TargetFile`` it writes.
public struct TargetDiscovery: Sendable {
    public var baseURL: String
    public var apiKey: String?
    public var tls: TLSOptions
    /// The longest one probe may take.
    public var timeout: Duration
    /// A short WAV file for the transcription probe.
    public var sampleAudio: [UInt8]
    public var transport: Transport

    public init(
        baseURL: String, apiKey: String?, tls: TLSOptions = TLSOptions(), timeout: Duration = .seconds(30), sampleAudio: [UInt8],
        transport: Transport = Transport()
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.apiKey = apiKey
        self.tls = tls
        self.timeout = timeout
        self.sampleAudio = sampleAudio
        self.transport = transport
    }

    /// What discovery found, and each probe it made, for the user to read.
    public struct Result: Sendable {
        public var target: TargetFile
        /// One line per finding, in the order they were made.
        public var log: [String]
    }

    /// Why discovery could not start: the model list could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// The kinds a model is probed for, one per role, cheapest first.
    static let probedKinds: [ModelKind] = [.chat, .embeddings, .rerank, .speech, .transcriptions, .images]

    public func discover() async throws(Failure) -> Result {
        var log: [String] = []
        // The names the GPUStack docs use go first, so they win a role over other models of the kind.
        let listed = try await listModels()
        let documented = Set(RoleMapping.documentedDefaults.models.values)
        let models = listed.filter(documented.contains) + listed.filter { !documented.contains($0) }
        log.append("GET /v1/models: \(listed.count) model\(listed.count == 1 ? "" : "s"): \(listed.joined(separator: ", "))")
        var found: [ModelRole: String] = [:]
        var kinds: [String: ModelKind] = [:]
        for model in models {
            for kind in Self.order(for: model) where found[kind.role] == nil || Self.hint(model) == kind {
                if await probe(kind, model: model) {
                    kinds[model] = kind
                    if found[kind.role] == nil { found[kind.role] = model }
                    log.append("\(model): answers \(Self.describe(kind))")
                    break
                }
            }
            if kinds[model] == nil { log.append("\(model): answered none of the probes; left unmapped") }
        }
        var routes: [RouteRole: String] = [:]
        switch await listRoutes() {
        case .success(let list):
            log.append("GET /v2/model-routes: \(list.count) route\(list.count == 1 ? "" : "s")")
            if let embed = found[.embed], let route = list.first(where: { $0.name == embed && $0.genericProxy }) {
                routes[.embed] = String(route.id)
                log.append("route \(route.id) (\(route.name)): the embedding model's generic proxy")
            }
            for route in list where route.genericProxy && routes[.echo] == nil {
                if await echoes(at: "/model/proxy/\(route.id)/conform-discover") {
                    routes[.echo] = String(route.id)
                    found[.echo] = route.name
                    log.append("route \(route.id) (\(route.name)): its upstream answers with an echo report")
                }
            }
        case .failure(let reason):
            log.append("GET /v2/model-routes: \(reason); route ids are left unmapped (--route ROLE=ID maps them)")
        }
        if found[.echo] == nil {
            for model in models where kinds[model] == nil || kinds[model] == .echo {
                if await echoes(at: "/model/proxy/conform-discover", model: model) {
                    found[.echo] = model
                    log.append("\(model): behind the header-form generic proxy, answers with an echo report")
                    break
                }
            }
        }
        var unmapped: [String: String] = [:]
        for role in ModelRole.allCases where found[role] == nil {
            unmapped[role.rawValue] =
                role == .echo
                ? "no generic-proxy upstream answers with an echo report" : "no model answered \(Self.describe(role.kinds[0]))"
        }
        for role in RouteRole.allCases where routes[role] == nil {
            unmapped["route.\(role.rawValue)"] = "no route id found (GPUStack lists them at /v2/model-routes)"
        }
        let target = TargetFile(
            baseURL: baseURL, models: Dictionary(uniqueKeysWithValues: found.map { ($0.key.rawValue, $0.value) }),
            routes: Dictionary(uniqueKeysWithValues: routes.map { ($0.key.rawValue, $0.value) }), noAuth: apiKey == nil ? true : nil,
            unmapped: unmapped.isEmpty ? nil : unmapped)
        return Result(target: target, log: log)
    }

    /// The kinds to try for `model`, the one its name suggests first.
    static func order(for model: String) -> [ModelKind] {
        guard let hint = hint(model) else { return probedKinds }
        return [hint] + probedKinds.filter { $0 != hint }
    }

    /// The kind a model's name suggests, from words model names commonly carry.
    static func hint(_ model: String) -> ModelKind? {
        let name = model.lowercased()
        let hints: [(ModelKind, [String])] = [
            (.rerank, ["rerank"]), (.embeddings, ["embed", "bge-m3", "e5-", "gte-", "minilm"]),
            (.transcriptions, ["whisper", "asr", "speech-to-text", "transcri"]),
            (.speech, ["tts", "cosyvoice", "speech", "voice", "kokoro", "bark"]),
            (.images, ["diffusion", "sdxl", "flux", "image", "dall"]),
        ]
        return hints.first { _, words in words.contains { name.contains($0) } }?.0
    }

    static func describe(_ kind: ModelKind) -> String {
        switch kind {
        case .chat: "a chat completion"
        case .embeddings: "an embedding request"
        case .rerank: "a rerank request"
        case .speech: "a speech request"
        case .transcriptions: "a transcription request"
        case .images: "an image request"
        default: "a \(kind.rawValue) request"
        }
    }

    private var headers: HeaderFields {
        apiKey.map { ["Authorization": "Bearer \($0)"] } ?? [:]
    }

    private var options: TransferOptions {
        TransferOptions(connectTimeout: min(timeout, .seconds(10)), totalTimeout: timeout, maxBodyBytes: 16 << 20, tls: tls)
    }

    private func listModels() async throws(Failure) -> [String] {
        let response: ReceivedResponse
        do {
            response = try await transport.send(OutgoingRequest(url: baseURL + "/v1/models", headers: headers), options: options)
        } catch {
            throw Failure(description: "GET \(baseURL)/v1/models failed: \(error)")
        }
        guard response.status == 200, let data = (try? response.json())?["data"]?.arrayValue else {
            throw Failure(description: "GET \(baseURL)/v1/models answered \(response.status), not a model list: \(response.text.prefix(200))")
        }
        return data.compactMap { $0["id"]?.stringValue }
    }

    /// Whether `model` answers the cheapest request of `kind` with a success.
    func probe(_ kind: ModelKind, model: String) async -> Bool {
        let body: OutgoingBody
        let path: String
        switch kind {
        case .chat:
            path = "/v1/chat/completions"
            body = .json(["model": .string(model), "messages": [["role": "user", "content": "ping"]], "max_tokens": 1])
        case .embeddings:
            path = "/v1/embeddings"
            body = .json(["model": .string(model), "input": "ping"])
        case .rerank:
            path = "/v1/rerank"
            body = .json(["model": .string(model), "query": "ping", "documents": ["ping"]])
        case .speech:
            path = "/v1/audio/speech"
            body = .json(["model": .string(model), "input": "ping", "voice": "alloy"])
        case .transcriptions:
            path = "/v1/audio/transcriptions"
            body = .multipart(MultipartForm(parts: [
                .text("model", model), .file("file", filename: "ping.wav", contentType: "audio/wav", data: sampleAudio),
            ]))
        case .images:
            path = "/v1/images/generations"
            body = .json(["model": .string(model), "prompt": "ping", "n": 1, "size": "256x256", "response_format": "b64_json"])
        default:
            return false
        }
        let request = OutgoingRequest(method: "POST", url: baseURL + path, headers: headers, body: body)
        guard let response = try? await transport.send(request, options: options) else { return false }
        return (200..<300).contains(response.status)
    }

    /// A model route as GPUStack lists it.
    struct Route {
        var id: Int
        var name: String
        var genericProxy: Bool
    }

    private func listRoutes() async -> Swift.Result<[Route], RouteListUnavailable> {
        let request = OutgoingRequest(url: baseURL + "/v2/model-routes?perPage=500", headers: headers)
        let response: ReceivedResponse
        do {
            response = try await transport.send(request, options: options)
        } catch {
            return .failure(RouteListUnavailable(reason: "\(error)"))
        }
        guard response.status == 200, let json = try? response.json() else {
            return .failure(RouteListUnavailable(reason: "answered \(response.status)"))
        }
        let items = json["items"]?.arrayValue ?? json.arrayValue ?? []
        return .success(items.compactMap { item in
            guard let id = item["id"]?.integerValue, let name = item["name"]?.stringValue else { return nil }
            return Route(id: Int(id), name: name, genericProxy: item["generic_proxy"]?.boolValue ?? false)
        })
    }

    /// Why the route list could not be read.
    struct RouteListUnavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    /// Whether the generic proxy at `path` (with `model` in `X-GPUStack-Model` for the header form)
    /// reaches an upstream that answers with an echo report.
    func echoes(at path: String, model: String? = nil) async -> Bool {
        var headers = self.headers
        if let model { headers.add("X-GPUStack-Model", model) }
        let request = OutgoingRequest(method: "GET", url: baseURL + path + "?probe=1", headers: headers)
        guard let response = try? await transport.send(request, options: options), response.status == 200,
            let json = try? response.json()
        else { return false }
        return (try? JSONValueDecoder().decode(ProxyEchoReport.self, from: json)) != nil
    }
}

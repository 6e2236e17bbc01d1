import ConformContract
public import ConformJSON
import ConformDigest
import HTTPTypes
import HTTPWire

/// An in-process inference engine whose every answer is a pure function of the request, the model
/// profile and the seed: the same request gives the same bytes on every run and machine. It
/// speaks the vLLM-style API of ``EnginePath``; text, vectors, scores, pictures, audio and
/// transcripts come from the generators in this module.
public struct DeterministicWorker: InferenceWorker {
    /// What every answer additionally depends on.
    public struct Settings: Sendable, Hashable {
        public var seed: UInt64
        public var clock: WorkerClock
        public var pace: StreamingPace
        public var limits: RequestLimits

        public init(
            seed: UInt64 = 0, clock: WorkerClock = .fixed(WorkerClock.defaultInstant), pace: StreamingPace = .immediate,
            limits: RequestLimits = RequestLimits()
        ) {
            self.seed = seed
            self.clock = clock
            self.pace = pace
            self.limits = limits
        }
    }

    public let profile: EngineModelProfile
    public let settings: Settings
    /// Where heavy requests (vectors, scores, audio, pictures) are computed, shared by every
    /// engine of one server.
    public let heavyWork: HeavyWorkPool
    /// Set while a heavy request is computed, for its loops to stop when the client has gone.
    var cancellation: CancellationFlag?

    /// Whether the request being computed has been given up.
    var isCancelled: Bool { cancellation?.isSet ?? false }
    /// What a script says this request is answered with, in place of generated content.
    var script: ScriptedReply?

    /// The pace of this request's stream: the script's, over the configured one.
    var pace: StreamingPace { script?.pace(over: settings.pace) ?? settings.pace }

    /// Every answer is a pure function of the request.
    public var isDeterministic: Bool { true }

    public init(profile: EngineModelProfile, settings: Settings = Settings(), heavyWork: HeavyWorkPool = HeavyWorkPool()) {
        self.profile = profile
        self.settings = settings
        self.heavyWork = heavyWork
    }

    public func respond(to request: WorkerRequest) async throws -> WorkerResponse {
        if profile.capabilities.contains(.echo) {
            return EchoEndpoint.respond(to: request)
        }
        if let served = profile.servedPaths, !served.contains(request.path),
            !(request.path.hasPrefix(EnginePath.imageContentPrefix + "/") && served.contains(EnginePath.imageContentPrefix))
        {
            return EngineError.response(.notFound, message: "Not Found: \(request.path)")
        }
        guard let endpoint = endpoint(for: request.path) else {
            return EngineError.response(.notFound, message: "Not Found: \(request.path)")
        }
        guard request.method == endpoint.method else {
            return EngineError.response(.methodNotAllowed, message: "Method Not Allowed: \(request.method) \(request.path)")
        }
        guard profile.capabilities.contains(endpoint.capability) else {
            return EngineError.response(
                .notFound, message: "The model `\(profile.name)` does not support \(request.path).", param: "model")
        }
        let script = request.headers[HTTPField.Name(ScriptedReply.headerName)!].flatMap(ScriptedReply.init(headerValue:))
        let work: @Sendable (CancellationFlag?) -> WorkerResponse = { [self] flag in
            var worker = self
            worker.cancellation = flag
            worker.script = script
            do throws(InvalidRequest) {
                return try endpoint.handler(worker, request)
            } catch {
                return EngineError.response(for: error)
            }
        }
        guard endpoint.cost.needsPool(request) else { return work(nil) }
        do {
            return try await heavyWork.run(work)
        } catch let busy as HeavyWorkPool.Busy {
            throw WorkerUnavailable(reason: busy.description, retryAfterSeconds: busy.retryAfterSeconds)
        }
    }

    private struct Endpoint: Sendable {
        var method: HTTPRequest.Method
        var capability: ModelKind
        /// Whether the work runs in ``HeavyWorkPool``.
        var cost = WorkCost.bounded
        var handler: @Sendable (DeterministicWorker, WorkerRequest) throws(InvalidRequest) -> WorkerResponse
    }

    private func endpoint(for path: String) -> Endpoint? {
        switch path {
        case EnginePath.chatCompletions:
            Endpoint(method: .post, capability: .chat) { worker, request throws(InvalidRequest) in
                try ChatCompletionsEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.completions:
            Endpoint(method: .post, capability: .completions) { worker, request throws(InvalidRequest) in
                try CompletionsEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.responses:
            Endpoint(method: .post, capability: .responses) { worker, request throws(InvalidRequest) in
                try ResponsesEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.embeddings:
            Endpoint(method: .post, capability: .embeddings, cost: .byText) { worker, request throws(InvalidRequest) in
                try EmbeddingsEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.textEmbeddingsInferenceEmbed:
            Endpoint(method: .post, capability: .embeddings, cost: .unbounded) { worker, request throws(InvalidRequest) in
                TextEmbeddingsInferenceEndpoint(worker: worker).respond(to: request)
            }
        case EnginePath.rerank, "/rerank", "/v2/rerank":
            Endpoint(method: .post, capability: .rerank, cost: .byText) { worker, request throws(InvalidRequest) in
                try RerankEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.imageGenerations:
            Endpoint(method: .post, capability: .images, cost: .unbounded) { worker, request throws(InvalidRequest) in
                try ImageGenerationsEndpoint(worker: worker).respond(to: request.jsonBody(), headers: request.headers)
            }
        case EnginePath.imageEdits:
            Endpoint(method: .post, capability: .images, cost: .unbounded) { worker, request throws(InvalidRequest) in
                try ImageEditsEndpoint(worker: worker).respond(to: request.multipartBody(), headers: request.headers)
            }
        case EnginePath.speech:
            Endpoint(method: .post, capability: .speech, cost: .unbounded) { worker, request throws(InvalidRequest) in
                try SpeechEndpoint(worker: worker).respond(to: request.jsonBody())
            }
        case EnginePath.transcriptions:
            Endpoint(method: .post, capability: .transcriptions, cost: .unbounded) { worker, request throws(InvalidRequest) in
                try TranscriptionsEndpoint(worker: worker).respond(to: request.multipartBody())
            }
        case _ where path.hasPrefix(EnginePath.imageContentPrefix + "/"):
            Endpoint(method: .get, capability: .images, cost: .unbounded) { worker, request throws(InvalidRequest) in
                ImageGenerationsEndpoint(worker: worker).content(path: request.path)
            }
        default:
            nil
        }
    }

    /// Checks the request's `model` against the served name.
    func checkModel(_ fields: RequestFields) throws(InvalidRequest) -> String {
        let name = try fields.requiredString("model")
        guard name == profile.name else { throw ModelMismatch(name: name).asInvalidRequest }
        return name
    }

    /// The seed and content digest of one request: everything in the body except how it is
    /// delivered (`stream`, `stream_options`, and `deliveryKeys` such as a media format), the
    /// model, and the configured seed. Streamed and plain requests therefore generate the same
    /// content under the same id, and a picture is the same whether sent as base64 or as a url.
    func derivation(_ operation: String, _ fields: RequestFields, ignoring deliveryKeys: [String] = []) -> Derivation {
        var object = fields.object
        object["stream"] = nil
        object["stream_options"] = nil
        for key in deliveryKeys { object[key] = nil }
        return Derivation(parts: [operation, profile.name, JSON.object(object).serializedString(.canonical), String(settings.seed)])
    }

    func derivation(_ operation: String, parts: [String]) -> Derivation {
        Derivation(parts: [operation, profile.name] + parts + [String(settings.seed)])
    }
}

/// A request's content digest: the seed of its generators and the source of its ids.
struct Derivation {
    let digest: [UInt8]

    init(parts: [String]) {
        var hasher = SHA256()
        for part in parts {
            hasher.update(part.utf8)
            hasher.update(CollectionOfOne(0))
        }
        digest = hasher.finalize()
    }

    var seed: UInt64 { digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) } }

    /// `prefix` followed by 24 hex digits of the digest (skipping `offset` bytes, for second ids).
    func identifier(_ prefix: String, offset: Int = 0) -> String {
        prefix + digest[(8 + offset) % 20..<(8 + offset) % 20 + 12].hexString
    }

    func random(_ stream: UInt64 = 0) -> SeededRandom {
        SeededRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
    }
}

/// A request naming a model other than the one the engine serves.
struct ModelMismatch {
    var name: String
    var asInvalidRequest: InvalidRequest { InvalidRequest("The model `\(name)` does not exist.", param: "model") }
}

extension WorkerRequest {
    /// The body as JSON, parsing bytes when it arrived over HTTP.
    public func jsonBody() throws(InvalidRequest) -> JSON {
        switch body {
        case .json(let json):
            return json
        case .bytes(let bytes, _):
            do {
                return try JSONParser().parse(bytes)
            } catch {
                throw InvalidRequest("We could not parse the JSON body of your request: \(error)")
            }
        case .empty:
            throw InvalidRequest("We could not parse the JSON body of your request: the body is empty")
        case .multipart:
            throw InvalidRequest("This endpoint expects a JSON body, but got multipart/form-data.")
        }
    }

    /// The body as a multipart form, parsing bytes when it arrived over HTTP.
    public func multipartBody() throws(InvalidRequest) -> MultipartForm {
        switch body {
        case .multipart(let form):
            return form
        case .bytes(let bytes, let contentType):
            do {
                return try MultipartFormParser().parse(bytes, contentType: contentType ?? "")
            } catch {
                throw InvalidRequest("We could not parse the form body of your request: \(error)")
            }
        case .empty, .json:
            throw InvalidRequest("This endpoint expects a multipart/form-data body.")
        }
    }
}

import ConformJSON
import ServerScope
import Workers

extension ConfigurationFile.Reader {
    /// `limits`: how much work one request may ask for.
    func limits(_ value: JSON, over base: RequestLimits) throws(ConfigurationError) -> RequestLimits {
        let members = try object(
            value, "/limits",
            allowed: [
                "embeddingInputs", "tokensPerInput", "tokensPerRequest", "rerankDocuments", "audioSeconds", "speechSeconds", "imagePixels",
                "generatedValues", "generatedItems", "generatedStringLength", "generatedDepth",
            ])
        var limits = base
        func count(_ key: String, _ range: ClosedRange<Int64>) throws(ConfigurationError) -> Int? {
            guard let value = members[key] else { return nil }
            return Int(try integer(value, "/limits/\(key)", in: range))
        }
        if let value = try count("embeddingInputs", 1...1_000_000) { limits.embeddingInputs = value }
        if let value = try count("tokensPerInput", 1...100_000_000) { limits.tokensPerInput = value }
        if let value = try count("tokensPerRequest", 1...1_000_000_000) { limits.tokensPerRequest = value }
        if let value = try count("rerankDocuments", 1...1_000_000) { limits.rerankDocuments = value }
        if let value = try count("audioSeconds", 1...86_400) { limits.audioSeconds = Double(value) }
        if let value = try count("speechSeconds", 1...86_400) { limits.speechSeconds = Double(value) }
        if let value = try count("imagePixels", 1...1_000_000_000) { limits.imagePixels = value }
        if let value = try count("generatedValues", 1...10_000_000) { limits.generation.maximumValues = value }
        if let value = try count("generatedItems", 0...10_000_000) { limits.generation.maximumItems = value }
        if let value = try count("generatedStringLength", 0...100_000_000) { limits.generation.maximumStringLength = value }
        if let value = try count("generatedDepth", 1...1_000) { limits.generation.maximumDepth = value }
        return limits
    }

    /// `timeouts`: how long idle, slow and stalled clients are waited for.
    func timeouts(_ value: JSON) throws(ConfigurationError) -> InboundTimeouts {
        let members = try object(value, "/timeouts", allowed: ["idleMs", "bodyReadMs"])
        var timeouts = InboundTimeouts()
        if let value = members["idleMs"] { timeouts.idle = .milliseconds(try integer(value, "/timeouts/idleMs", in: 100...86_400_000)) }
        if let value = members["bodyReadMs"] {
            timeouts.bodyRead = .milliseconds(try integer(value, "/timeouts/bodyReadMs", in: 100...86_400_000))
        }
        return timeouts
    }

    /// `heavyWork`: how many heavy requests are computed at once and how many may wait.
    func heavyWork(_ value: JSON) throws(ConfigurationError) -> HeavyWorkPool.Settings {
        let members = try object(value, "/heavyWork", allowed: ["concurrency", "queueDepth", "queueTimeoutMs"])
        var settings = HeavyWorkPool.Settings()
        if let value = members["concurrency"] { settings.concurrency = Int(try integer(value, "/heavyWork/concurrency", in: 1...1024)) }
        if let value = members["queueDepth"] { settings.queueDepth = Int(try integer(value, "/heavyWork/queueDepth", in: 0...100_000)) }
        if let value = members["queueTimeoutMs"] {
            settings.queueTimeout = .milliseconds(try integer(value, "/heavyWork/queueTimeoutMs", in: 1...3_600_000))
        }
        return settings
    }
}

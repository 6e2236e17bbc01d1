import ConformJSON
import UpstreamWorkers

extension ConfigurationFile.Reader {
    /// A model's `upstream`: the engine that serves it, in place of the deterministic one.
    func upstreamTarget(_ value: JSON, _ pointer: String) throws(ConfigurationError) -> UpstreamTarget {
        let members = try object(
            value, pointer,
            allowed: [
                "url", "servedModelName", "token", "tokenEnv", "connectTimeoutMs", "requestTimeoutMs", "streamSilenceTimeoutMs",
                "healthPath",
            ])
        guard let urlValue = members["url"] else { throw fail(pointer, "has no 'url'") }
        let text = try string(urlValue, "\(pointer)/url")
        let url: UpstreamURL
        do {
            url = try UpstreamURL(text)
        } catch {
            throw fail("\(pointer)/url", error.description)
        }
        var target = UpstreamTarget(url: url)
        if let served = members["servedModelName"] {
            let name = try string(served, "\(pointer)/servedModelName")
            guard !name.isEmpty else { throw fail("\(pointer)/servedModelName", "must not be empty") }
            target.servedModelName = name
        }
        if members["token"] != nil, members["tokenEnv"] != nil {
            throw fail(pointer, "has both 'token' and 'tokenEnv'; keep one")
        }
        if let token = members["token"] {
            target.token = try upstreamToken(try string(token, "\(pointer)/token"), "\(pointer)/token")
        }
        if let variableValue = members["tokenEnv"] {
            let variable = try string(variableValue, "\(pointer)/tokenEnv")
            guard let token = environment[variable], !token.isEmpty else {
                throw fail("\(pointer)/tokenEnv", "the environment variable '\(variable)' is not set")
            }
            target.token = try upstreamToken(token, "\(pointer)/tokenEnv")
        }
        if let value = members["connectTimeoutMs"] {
            target.timeouts.connect = .milliseconds(try integer(value, "\(pointer)/connectTimeoutMs", in: 1...3_600_000))
        }
        if let value = members["requestTimeoutMs"] {
            target.timeouts.request = .milliseconds(try integer(value, "\(pointer)/requestTimeoutMs", in: 1...86_400_000))
        }
        if let value = members["streamSilenceTimeoutMs"] {
            target.timeouts.streamSilence = .milliseconds(
                try integer(value, "\(pointer)/streamSilenceTimeoutMs", in: 1...86_400_000))
        }
        if let value = members["healthPath"] {
            let path = try string(value, "\(pointer)/healthPath")
            guard path.hasPrefix("/") else { throw fail("\(pointer)/healthPath", "'\(path)' must start with '/'") }
            target.healthPath = path
        }
        return target
    }

    private func upstreamToken(_ token: String, _ pointer: String) throws(ConfigurationError) -> String {
        guard !token.isEmpty, !token.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw fail(pointer, "must be a non-empty token without whitespace")
        }
        return token
    }

    /// `health`: how often and how patiently upstream engines are probed.
    func healthProbe(_ value: JSON) throws(ConfigurationError) -> HealthProbeSettings {
        let members = try object(value, "/health", allowed: ["intervalMs", "timeoutMs", "maxBackoffMs"])
        var settings = HealthProbeSettings()
        if let value = members["intervalMs"] {
            settings.interval = .milliseconds(try integer(value, "/health/intervalMs", in: 10...3_600_000))
        }
        if let value = members["timeoutMs"] {
            settings.timeout = .milliseconds(try integer(value, "/health/timeoutMs", in: 1...600_000))
        }
        if let value = members["maxBackoffMs"] {
            settings.maximumBackoff = .milliseconds(try integer(value, "/health/maxBackoffMs", in: 10...86_400_000))
        }
        return settings
    }
}

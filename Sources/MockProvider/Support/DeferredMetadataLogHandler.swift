import Logging

/// Writes log records like swift-log's standard-error stream handler, but keeps the logger's
/// metadata aside and hands it over only when a record is written. The stream handler renders its
/// metadata to text on every change, and the server attaches a request id to every request: that
/// rendering would otherwise be paid per request for records that are almost never written.
public struct DeferredMetadataLogHandler: LogHandler {
    private var base: StreamLogHandler
    public var metadata: Logger.Metadata = [:]

    /// Writes to standard error.
    public init(label: String) {
        base = StreamLogHandler.standardError(label: label)
    }

    /// Writes to `stream`.
    public init(label: String, stream: any TextOutputStream & Sendable) {
        base = StreamLogHandler(label: label, stream: stream)
    }

    public var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// The record's own metadata wins over the logger's, as it does in the stream handler.
    public func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            event.metadata = metadata.merging(event.metadata ?? [:]) { _, explicit in explicit }
        }
        base.log(event: event)
    }
}

import Logging
import MockProvider
import Synchronization
import Testing

@Suite("Deferred metadata logging")
struct DeferredMetadataLogHandlerTests {
    /// Collects what the handler writes.
    final class Lines: TextOutputStream, Sendable {
        let text = Mutex("")
        func write(_ string: String) { text.withLock { $0 += string } }
    }

    @Test("The logger's metadata reaches written records, the record's own metadata wins, and the level filters")
    func metadataAndLevel() {
        let lines = Lines()
        var logger = Logger(label: "conform-mock") { label in DeferredMetadataLogHandler(label: label, stream: lines) }
        logger.logLevel = .warning
        logger[metadataKey: "hb.request.id"] = "42"
        logger[metadataKey: "path"] = "/v1/rerank"
        #expect(logger[metadataKey: "hb.request.id"] == "42")
        logger.info("dropped")
        logger.error("failed", metadata: ["path": "/v1/models"])
        let written = lines.text.withLock { $0 }
        #expect(!written.contains("dropped"))
        #expect(written.contains("error conform-mock: hb.request.id=42 path=/v1/models"))
        #expect(written.hasSuffix("failed\n"))
    }
}

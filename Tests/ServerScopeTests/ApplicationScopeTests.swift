import ServerScope
import ConformTestSupport
import Hummingbird
import Logging
import Testing

@Suite(.timeLimit(.minutes(1))) struct ApplicationScopeTests {
    @Test func aServerWhosePortIsTakenThrowsInsteadOfWaitingForever() async throws {
        let occupant = try ScriptedServer { _ in }
        defer { occupant.stop() }
        var logger = Logger(label: "conform-test-server")
        logger.logLevel = .critical
        let quiet = logger
        let ran = await #expect(throws: (any Error).self) {
            try await ApplicationScope.serve(
                { report in
                    Application(
                        router: Router(), configuration: .init(address: .hostname("127.0.0.1", port: occupant.port)),
                        onServerRunning: { channel in await report(channel.localAddress?.port ?? 0) }, logger: quiet)
                }, logger: quiet
            ) { _ in "served" }
        }
        #expect("\(ran.map { "\($0)" } ?? "")".contains("Address already in use"))
    }
}

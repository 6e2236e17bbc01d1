import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether what goes to a stream is coloured: only on a terminal, and never with `NO_COLOR` set
/// (https://no-color.org), in CI (`CI` set, as every CI service does) or on a `dumb` terminal.
struct TerminalStyle: Sendable {
    let colours: Bool

    static let plain = TerminalStyle(colours: false)

    init(colours: Bool) {
        self.colours = colours
    }

    init(descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.init(isTerminal: isatty(descriptor) == 1, environment: environment)
    }

    init(isTerminal: Bool, environment: [String: String]) {
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty
        let inCI = !(environment["CI"] ?? "").isEmpty
        colours = isTerminal && !noColour && !inCI && environment["TERM"] != "dumb"
    }

    enum Colour: String, Sendable {
        case red = "31", green = "32", yellow = "33", bold = "1"
    }

    func paint(_ text: String, _ colour: Colour) -> String {
        colours ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }
}

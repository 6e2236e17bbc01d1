/// Why a configuration file was refused: which file, which member (as a JSON pointer), and what is
/// wrong with it.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// The JSON pointer of the offending member; empty for the whole document.
    public var pointer: String
    public var message: String

    public init(file: String, pointer: String, message: String) {
        self.file = file
        self.pointer = pointer
        self.message = message
    }

    public var description: String {
        pointer.isEmpty ? "\(file): \(message)" : "\(file): \(pointer): \(message)"
    }
}

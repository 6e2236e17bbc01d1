/// A command that cannot do what was asked: the message tells the user what went wrong and what to
/// do instead; the exit code is 2 unless the failure is itself a verdict.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 2
}

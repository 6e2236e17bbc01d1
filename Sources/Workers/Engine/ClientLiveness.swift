/// Whether the client a request came from is still connected, as the server that received the
/// request can tell; set for the length of a request as a task-local value, so that heavy work
/// (``HeavyWorkPool``) can give up when the client has gone, without the engine knowing about
/// connections.
public enum ClientLiveness {
    @TaskLocal public static var isConnected: (@Sendable () -> Bool)?
}

/// The header naming the model a request is for, for an engine that serves several models at one
/// address (`conform worker`): paths such as TEI's `/embed` or the generic proxy's carry no model
/// of their own. A gateway's adapter sends it with every request; single-model engines such as
/// vLLM ignore it.
public enum EngineModelHeader {
    public static let name = "X-Conform-Model"
}

import ConformJSON
import Hummingbird
import Workers

/// `GET /v1/models` in vLLM's shape: every served model with its `root`, owned by "conform".
struct EngineModelsRoute: Sendable {
    let engines: [ServedEngine]
    let clock: WorkerClock

    func respond() -> Response {
        let created = JSON.integer(clock.now)
        let data: [JSON] = engines.map { engine in
            [
                "id": .string(engine.name), "object": "model", "created": created, "owned_by": "conform",
                "root": .string(engine.name), "parent": .null,
            ]
        }
        return EngineResponseWriter.json(["object": "list", "data": .array(data)])
    }
}

import ConformJSON
import Workers

/// Applies the deviations that touch OpenAI data-only streams (chat and completions): dropping
/// `created`, the `[DONE]` marker or the usage chunk, and miscounting `total_tokens`.
struct OpenAIStreamEditor: EventStreamEditor {
    var dropCreated = false
    var dropDone = false
    var dropUsageChunk = false
    var wrongTotal = false

    init(deviations: Set<Deviation>, isChat: Bool) {
        dropCreated = isChat && deviations.contains(.chatDropCreated)
        dropDone = deviations.contains(.openAIStreamNoDone)
        dropUsageChunk = deviations.contains(.openAIStreamNoUsageChunk)
        wrongTotal = deviations.contains(.usageWrongTotal)
    }

    mutating func edit(_ event: WorkerEvent) -> [WorkerEvent] {
        if event.payload == .text("[DONE]") { return dropDone ? [] : [event] }
        guard var json = event.json else { return [event] }
        if dropUsageChunk, json["choices"]?.arrayValue?.isEmpty == true, json["usage"]?.objectValue != nil { return [] }
        if dropCreated { json["created"] = nil }
        if wrongTotal { json = UsageEditing.wrongTotal(json) }
        return [.json(json, name: event.name)]
    }
}

import ConformJSON

/// One event of a streamed answer as the checks see it: its position, when it arrived, its
/// `event:` name and its data, parsed as JSON when it is JSON.
public struct StreamEvent: Sendable, Hashable {
    /// The 0-based position among the events of the stream; failure messages name it.
    public var index: Int
    /// The `event:` field, nil for data-only events.
    public var name: String?
    public var data: String
    /// The data parsed strictly as JSON; nil for `[DONE]` and anything else that is not JSON.
    public var json: JSON?
    /// When the bytes completing the event arrived, measured from the start of the exchange.
    public var arrival: Duration

    public init(index: Int, name: String?, data: String, arrival: Duration = .zero) {
        self.index = index
        self.name = name
        self.data = data
        self.arrival = arrival
        json = try? JSONParser().parse(data)
    }

    /// The data cut to a length fit for a message.
    public var dataPreview: String {
        data.count > 120 ? String(data.prefix(120)) + "…" : data
    }
}

import ConformContract

extension RoleMapping {
    /// The value a placeholder stands for, or nil when its role is not mapped.
    public func value(of placeholder: Placeholder) -> String? {
        switch placeholder {
        case .model(let role): models[role]
        case .route(let role): routes[role]
        }
    }
}

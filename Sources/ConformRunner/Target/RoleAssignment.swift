import ConformContract
import ConformSuite

/// Reads `--model ROLE=NAME` and `--route ROLE=ID` assignments over a starting mapping.
public enum RoleAssignment {
    /// `base` with each assignment applied in order; a later assignment of a role wins.
    public static func apply(
        models: [String], routes: [String], to base: RoleMapping
    ) throws(TargetConfigurationError) -> RoleMapping {
        var mapping = base
        for assignment in models {
            let (role, value) = try split(assignment, option: "--model")
            guard let modelRole = ModelRole(rawValue: role) else {
                throw TargetConfigurationError(
                    message:
                        "--model \(assignment): '\(role)' is not a role (roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            mapping.models[modelRole] = value
        }
        for assignment in routes {
            let (role, value) = try split(assignment, option: "--route")
            guard let routeRole = RouteRole(rawValue: role) else {
                throw TargetConfigurationError(
                    message:
                        "--route \(assignment): '\(role)' is not a route role (roles: \(RouteRole.allCases.map(\.rawValue).joined(separator: ", ")))"
                )
            }
            guard let id = Int(value), id > 0 else {
                throw TargetConfigurationError(
                    message: "--route \(assignment): the route id '\(value)' must be a positive integer")
            }
            mapping.routes[routeRole] = String(id)
        }
        return mapping
    }

    private static func split(_ assignment: String, option: String) throws(TargetConfigurationError) -> (String, String) {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw TargetConfigurationError(message: "\(option) \(assignment): write ROLE=VALUE, e.g. \(option) chat=qwen3")
        }
        let role = String(assignment[..<equals])
        let value = String(assignment[assignment.index(after: equals)...])
        guard !value.isEmpty else {
            throw TargetConfigurationError(message: "\(option) \(assignment): the value after '=' is empty")
        }
        return (role, value)
    }
}

extension RoleAssignment {
    /// Refuses a run whose mapping leaves a required role open (`--require chat`, `--require
    /// route.echo`), naming the flag that maps it.
    public static func require(_ roles: [String], in mapping: RoleMapping) throws(TargetConfigurationError) {
        for name in roles {
            if name.hasPrefix("route.") {
                let role = String(name.dropFirst("route.".count))
                guard let routeRole = RouteRole(rawValue: role) else {
                    throw TargetConfigurationError(
                        message: "--require \(name): not a route role (route roles: \(RouteRole.allCases.map { "route." + $0.rawValue }.joined(separator: ", ")))")
                }
                guard mapping.routes[routeRole] != nil else {
                    throw TargetConfigurationError(message: "--require \(name): the route role is not mapped; pass --route \(role)=ID")
                }
            } else {
                guard let modelRole = ModelRole(rawValue: name) else {
                    throw TargetConfigurationError(
                        message: "--require \(name): not a role (roles: \(ModelRole.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard mapping.models[modelRole] != nil else {
                    throw TargetConfigurationError(message: "--require \(name): the role is not mapped; pass --model \(name)=NAME")
                }
            }
        }
    }
}
